// What an operation may cost to answer, estimated from the schema before it runs: how many objects
// its answer can hold. GraphQL Armor's cost-limit multiplies only by a literal `first`/`last` (a
// variable slips past it) and counts every other list as one item, so it cannot see a cycle such
// as orders → history → order → history, which multiplies by every order's events at each turn.
import {
  Kind,
  getNamedType,
  getNullableType,
  isListType,
  isLeafType,
  isObjectType,
  isInterfaceType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../schema/args.ts';

/** A list the client cannot size (an order's items, its history) is taken to hold this many. */
const ASSUMED_LIST_SIZE = 10;

/**
 * The most objects any operation of the document can answer with: each object counts one, times
 * the size of every list it is in. A page (`first`/`last`) counts what it asks for, the most
 * `pageSize` allows when a variable sets it, and the default page without either; the list inside
 * a connection is that page. Scalars are free: the token limit bounds them. The depth limit has
 * been checked, so the recursion here is shallow.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, pageSize: number): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fragmentCost = new Map<string, number>();

  const costOf = (selectionSet: SelectionSetNode | undefined, type: GraphQLNamedType | undefined | null): number => {
    let cost = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) cost += fieldCost(selection, type);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += costOf(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type);
      } else {
        const name = selection.name.value;
        if (!fragmentCost.has(name)) {
          const fragment = fragments.get(name); // one that spreads itself never gets here: it is infinitely deep
          fragmentCost.set(name, fragment ? costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value)) : 0);
        }
        cost += fragmentCost.get(name)!;
      }
    }
    return cost;
  };

  const fieldCost = (field: FieldNode, parent: GraphQLNamedType | undefined | null): number => {
    if (!(isObjectType(parent) || isInterfaceType(parent))) return 0;
    const definition = parent.getFields()[field.name.value];
    if (!definition) return 0; // unknown (validation says so) or introspection
    const type = getNamedType(definition.type);
    if (isLeafType(type)) return 0;
    let items = 1;
    if (definition.args.some((arg) => arg.name === 'first' || arg.name === 'last')) items = pageOf(field, pageSize);
    else if (isListType(getNullableType(definition.type))) items = 'pageInfo' in parent.getFields() ? 1 : ASSUMED_LIST_SIZE;
    return items * (1 + costOf(field.selectionSet, type));
  };

  let highest = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    highest = Math.max(highest, costOf(definition.selectionSet, schema.getRootType(definition.operation)));
  }
  return highest;
}

/** How many items a page asks for, as far as validation can tell; more than `pageSize` is refused when it runs. */
function pageOf(field: FieldNode, pageSize: number): number {
  const sizes = (field.arguments ?? [])
    .filter((arg) => arg.name.value === 'first' || arg.name.value === 'last')
    .map((arg) => (arg.value.kind === Kind.INT ? Math.min(Number(arg.value.value), pageSize) : pageSize));
  return sizes.length ? Math.max(...sizes) : Math.min(DEFAULT_PAGE_SIZE, pageSize);
}
