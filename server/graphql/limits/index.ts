// What one GraphQL operation may ask for, checked before it runs, for both transports (graphql-ws
// runs Yoga's enveloped pipeline too): its size in tokens and nesting (before parsing), its depth
// (before any recursive validation rule), its aliases, directives and estimated cost. Who asks is
// known by then (TransportContext.actor): only staff may introspect, and only staff get
// "Did you mean" suggestions, which would otherwise spell out the schema field by field.
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { Plugin } from '@envelop/core';
import { GraphQLError, type ASTVisitor, type DocumentNode, type ExecutionResult, type GraphQLSchema, type Source, type ValidationContext } from 'graphql';
import type { Actor } from '../../auth/actor.ts';
import type { LimitName, Limits } from '../../limits.ts';
import { operationCost } from './cost.ts';
import { lexicalShape, operationDepth } from './document-shape.ts';
import { tooComplex } from './refusal.ts';

/** Brackets an operation may nest beyond its depth limit: argument values (input objects, lists). */
const ARGUMENT_NESTING = 8;
/** Directives in one operation; our clients send none, `@include`/`@skip` need a few. */
const MAX_DIRECTIVES = 20;
const INTROSPECTION = new Set(['__schema', '__type']);

export function operationLimits(limits: Limits): Plugin<{ actor?: Actor }>[] {
  const depthLimit = limits['query-depth'];
  // The operation's own braces, one per level, and the arguments' brackets.
  const nestingLimit = depthLimit + 1 + ARGUMENT_NESTING;
  return [
    {
      onParse({ params, setParseFn }) {
        // Envelop types its pipeline loosely (any); these are graphql-js's own values.
        const { source } = params as { source: string | Source };
        const shape = lexicalShape(typeof source === 'string' ? source : source.body, { tokens: limits['query-tokens'], nesting: nestingLimit });
        if (shape.tokens > limits['query-tokens']) {
          setParseFn(refuse(tooComplex(`the document has more than ${limits['query-tokens']} tokens`, 'query-tokens')));
        } else if (shape.nesting > nestingLimit) {
          setParseFn(refuse(tooComplex(`the document nests brackets more than ${nestingLimit} deep, beyond the depth limit of ${depthLimit}`, 'query-depth')));
        }
      },
      onValidate({ context, params, addValidationRule, setResult }) {
        const { schema, documentAST: document } = params as { schema: GraphQLSchema; documentAST: DocumentNode };
        const staff = context.actor?.kind === 'staff';
        // Staff introspection (GraphiQL's query nests about 15 deep) is exempt, as in GraphQL Armor.
        const depth = operationDepth(document, (field) => staff && INTROSPECTION.has(field.name.value));
        if (depth > depthLimit) {
          const found = depth === Infinity ? 'a fragment spreads itself' : `found ${depth}`;
          return setResult([tooComplex(`query depth limit of ${depthLimit} exceeded, ${found}`, 'query-depth')]);
        }
        const cost = operationCost(schema, document, limits['page-size']);
        if (cost > limits['query-cost']) {
          return setResult([tooComplex(`query cost limit of ${limits['query-cost']} exceeded: the answer could hold about ${cost} objects`, 'query-cost')]);
        }
        addValidationRule(maxAliasesRule({ n: limits['query-aliases'], onReject: [report('query-aliases')], propagateOnRejection: false }));
        addValidationRule(maxDirectivesRule({ n: MAX_DIRECTIVES, onReject: [report()], propagateOnRejection: false }));
        if (staff) return;
        addValidationRule(staffOnlyIntrospection);
        return ({ valid, result, setResult: replace }) => {
          if (!valid) replace(result.map(withoutSuggestions));
        };
      },
      // Variables are checked as the operation starts, and their errors suggest names too
      // ("Did you mean TAKEOUT?" for a misspelt enum value in $input).
      onExecute: ({ args }) => (isStaff(args.contextValue) ? undefined : { onExecuteDone: hideSuggestions }),
      onSubscribe: ({ args }) => (isStaff(args.contextValue) ? undefined : { onSubscribeResult: hideSuggestions }),
    },
  ];
}

function isStaff(contextValue: unknown): boolean {
  return (contextValue as { actor?: Actor }).actor?.kind === 'staff';
}

/** Drops "Did you mean…" from a single result's errors (a stream's come from resolvers, not from names). */
function hideSuggestions({ result, setResult }: { result: ExecutionResult | AsyncIterable<unknown>; setResult: (result: ExecutionResult) => void }): void {
  if (Symbol.asyncIterator in result || !result.errors) return;
  setResult({ ...result, errors: result.errors.map(withoutSuggestions) as GraphQLError[] });
}

function refuse(error: GraphQLError): () => never {
  return () => {
    throw error;
  };
}

/** Passes a GraphQL Armor refusal on as a typed validation error. */
function report(limit?: LimitName) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(tooComplex(error.message.replace(/^Syntax Error: /, '').replace(/\.$/, ''), limit));
  };
}

/** Introspection for staff only: the schema is no secret from them, and GraphiQL needs it. */
function staffOnlyIntrospection(context: ValidationContext): ASTVisitor {
  return {
    Field(field) {
      if (!INTROSPECTION.has(field.name.value)) return;
      context.reportError(
        new GraphQLError(`${field.name.value}: introspection is for staff; send a staff token as "Authorization: Bearer <token>"`, {
          nodes: [field],
          extensions: { code: 'UNAUTHENTICATED' },
        }),
      );
    },
  };
}

/** graphql-js suggests names for every misspelling: of fields, arguments, types and enum values. */
function withoutSuggestions(error: Error): Error {
  if (!(error instanceof GraphQLError)) return error;
  const message = error.message.replace(/\s*Did you mean [^?]*\?/g, '');
  if (message === error.message) return error;
  const { nodes, source, positions, path, originalError, extensions } = error;
  return new GraphQLError(message, { nodes, source, positions, path, originalError, extensions });
}
