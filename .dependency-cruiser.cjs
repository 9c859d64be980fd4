// The layout's rules, checked by `npm run lint` (dependency-cruiser) and by
// tests/unit/boundaries.test.ts: the clients never import each other, the server never imports a
// client, the shared kernel and the server's domain rules import nothing with I/O, and nothing
// imports in a circle. DEVELOPERS.md says why.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'clients-apart',
      comment: 'The terminal clients (cli/) and the web tracker never import each other: what both need belongs in shared/.',
      severity: 'error',
      from: { path: '^(cli|web-tracker)/' },
      to: { path: '^(cli|web-tracker)/', pathNot: ['^$1/'] },
    },
    {
      name: 'tracker-not-server',
      comment: 'The web tracker reaches the server over GraphQL only; rules it shares with the server live in shared/.',
      severity: 'error',
      from: { path: '^web-tracker/' },
      to: { path: '^server/' },
    },
    {
      name: 'cli-runs-the-server-only-where-it-serves',
      comment: 'Only the commands that run the server (serve, db) and their options open server code; the clients talk GraphQL.',
      severity: 'error',
      from: { path: '^cli/', pathNot: '^cli/(commands/(serve|db)|server-options)\\.ts$' },
      to: { path: '^server/' },
    },
    {
      name: 'server-not-clients',
      comment: 'The server never imports a client.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^(cli|web-tracker)/' },
    },
    {
      name: 'shared-is-pure',
      comment: 'The shared kernel imports only itself, React (the clock hook) and gql.tada (typed documents): no I/O.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { pathNot: ['^shared/', '^node_modules/(react|gql\\.tada)/'] },
    },
    {
      name: 'domain-is-pure',
      comment: 'The server’s domain rules take what they need as arguments: no database, no bus, no clock of their own.',
      severity: 'error',
      from: { path: '^server/domain/' },
      to: { pathNot: ['^server/domain/', '^shared/'] },
    },
    {
      name: 'no-circular',
      comment: 'Modules that import each other cannot be read, tested or loaded one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^server/db/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
