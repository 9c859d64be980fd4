// How big and how deep a document is, measured without recursion: graphql-js parses and validates
// by recursion, and a few thousand nested brackets or fragments overflow its stack (a RangeError
// that reaches clients as "Unexpected error."). These checks run first, so nothing recursive
// ever sees a document deeper than the depth limit.
import { Kind, Lexer, Source, TokenKind, type DefinitionNode, type DocumentNode, type FieldNode, type SelectionSetNode } from 'graphql';

const OPENING = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

export interface LexicalShape {
  tokens: number;
  /** The deepest nesting of `{`, `[` and `(`. */
  nesting: number;
}

/** Counts tokens and bracket nesting, stopping as soon as either passes its bound. Syntax errors are left to the parser. */
export function lexicalShape(source: string, bounds: LexicalShape): LexicalShape {
  const lexer = new Lexer(new Source(source));
  const shape = { tokens: 0, nesting: 0 };
  let open = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      shape.tokens += 1;
      if (OPENING.has(token.kind)) shape.nesting = Math.max(shape.nesting, ++open);
      else if (CLOSING.has(token.kind)) open -= 1;
      if (shape.tokens > bounds.tokens || shape.nesting > bounds.nesting) break;
    }
  } catch {
    // A syntax error: the parser reports it, with its position, once this says the size is fine.
  }
  return shape;
}

/**
 * How deeply each operation nests: one level per field, inline fragment and fragment spread, so
 * that a chain of fragments counts as deep as it is for the recursive rules that follow it.
 * Fields `skip` accepts (staff introspection) are not counted. A fragment that spreads itself is
 * infinitely deep. Each fragment is measured once, however often it is spread.
 */
export function operationDepth(document: DocumentNode, skip: (field: FieldNode) => boolean): number {
  const fragments = new Map<string, DefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const local = new Map<DefinitionNode, { depth: number; spreads: { name: string; at: number }[] }>();
  const localOf = (definition: DefinitionNode) => {
    let found = local.get(definition);
    if (!found) local.set(definition, (found = localDepth(definition, skip)));
    return found;
  };

  const depth = new Map<DefinitionNode, number>();
  const measuring = new Set<DefinitionNode>();
  const depthOf = (root: DefinitionNode): number => {
    const stack = [root];
    while (stack.length) {
      const definition = stack[stack.length - 1]!;
      if (depth.has(definition)) {
        stack.pop();
        continue;
      }
      const { depth: own, spreads } = localOf(definition);
      const targets = spreads.map((spread) => fragments.get(spread.name));
      if (!measuring.has(definition)) {
        // First visit: measure the fragments it spreads, then come back. One that is still being
        // measured further down the stack spreads this one: a cycle.
        measuring.add(definition);
        const pending = targets.filter((target): target is DefinitionNode => target !== undefined && !depth.has(target));
        if (pending.some((target) => measuring.has(target))) return Infinity;
        if (pending.length) {
          stack.push(...pending);
          continue;
        }
      }
      measuring.delete(definition);
      depth.set(definition, Math.max(own, ...spreads.map((spread, i) => spread.at + 1 + (targets[i] ? depth.get(targets[i])! : 0))));
      stack.pop();
    }
    return depth.get(root)!;
  };

  let deepest = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) deepest = Math.max(deepest, depthOf(definition));
  }
  return deepest;
}

/** The depth of one definition's own selections, and where it spreads fragments. */
function localDepth(definition: DefinitionNode, skip: (field: FieldNode) => boolean) {
  const spreads: { name: string; at: number }[] = [];
  let deepest = 0;
  const stack: [SelectionSetNode, number][] = 'selectionSet' in definition && definition.selectionSet ? [[definition.selectionSet, 0]] : [];
  while (stack.length) {
    const [selectionSet, level] = stack.pop()!;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        spreads.push({ name: selection.name.value, at: level });
        continue;
      }
      if (selection.kind === Kind.FIELD && skip(selection)) continue;
      deepest = Math.max(deepest, level + 1);
      if (selection.selectionSet) stack.push([selection.selectionSet, level + 1]);
    }
  }
  return { depth: deepest, spreads };
}
