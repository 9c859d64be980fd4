import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS as `main` and ESM as `module`. Node (and so every dependency)
    // loads the former; Vite would hand our sources the latter. Two copies of graphql break
    // `instanceof GraphQLError`, so point our sources at the same copy Node uses.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Integration tests start real servers and databases; two cores, so keep the pool small.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // expect.poll waits for what a real server, browser or terminal does next. Its default of 1 s
    // is shorter than one change's trip to a service worker's notification on a busy 2-core CI
    // machine (seen once); a real failure still fails, 5 s later.
    expect: { poll: { timeout: 5_000 } },
  },
});
