import {
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  getNamedType,
  isCompositeType,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type FragmentDefinitionNode,
  type ValueNode,
  type FieldNode,
} from 'graphql';

/** The hub's limits on one GraphQL document, the same on HTTP and WebSocket. */
export interface QueryLimits {
  maxChars: number;
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxCost: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxChars: 15_000,
  maxTokens: 1_000,
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 10,
  maxCost: 1_000,
};

/**
 * A connection without `first` is costed at the contract's default page. Plain lists (a problem's
 * actions, its history) are bounded by the data, not by the query, and cost their item once.
 */
const DEFAULT_LIST_SIZE = 20;

export interface QueryMeasure {
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
}

function argValue(node: ValueNode | undefined, variables: Record<string, unknown>): unknown {
  if (!node) return undefined;
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT) return Number(node.value);
  return undefined;
}

/**
 * Depth, aliases, directives and cost of the operation that will run. Cost: every field that
 * returns an object costs 1 plus its selection; a list costs its length (`first`, or the default
 * page) × its items. Fragments are expanded, so they cannot hide cost.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
): QueryMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  let aliases = 0;
  let directives = 0;
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
  }
  // Aliases and directives are counted over the whole document: they are what batches attacks.
  visit(document, {
    Field(node) {
      if (node.alias) aliases++;
    },
    Directive() {
      directives++;
    },
  });
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return { depth: 0, aliases, directives, cost: 0 };

  let maxDepth = 0;
  const costOf = (selectionSet: SelectionSetNode, depth: number, seen: ReadonlySet<string>): number => {
    maxDepth = Math.max(maxDepth, depth);
    if (depth > 64) return Infinity;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, depth, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(selection.selectionSet, depth, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) total += costOf(fragment.selectionSet, depth, new Set([...seen, name]));
      }
    }
    return total;
  };
  // Field types are resolved with TypeInfo while walking the document once.
  const typeInfo = new TypeInfo(schema);
  const fieldTypes = new Map<object, { composite: boolean }>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const type = typeInfo.getType();
        if (!type) return;
        fieldTypes.set(node, { composite: isCompositeType(getNamedType(type)) });
      },
    }),
  );
  const fieldCost = (node: FieldNode, depth: number, seen: ReadonlySet<string>): number => {
    const info = fieldTypes.get(node);
    if (!info?.composite || !node.selectionSet) {
      maxDepth = Math.max(maxDepth, depth + 1);
      return 0;
    }
    const inner = 1 + costOf(node.selectionSet, depth + 1, seen);
    const first = argValue(node.arguments?.find((a) => a.name.value === 'first')?.value, variables);
    const isConnection = node.selectionSet.selections.some(
      (s) => s.kind === Kind.FIELD && (s.name.value === 'edges' || s.name.value === 'pageInfo'),
    );
    let size = 1;
    if (typeof first === 'number' && Number.isFinite(first)) size = Math.max(first, 1);
    else if (isConnection) size = DEFAULT_LIST_SIZE;
    // A connection's `edges` list is the same page as its `first`: not multiplied twice.
    if (node.name.value === 'edges') size = 1;
    return size * inner;
  };
  const cost = costOf(operation.selectionSet, 0, new Set());
  return { depth: maxDepth, aliases, directives, cost };
}

/** The first limit a measured operation passes, as a message, or undefined. */
export function limitProblem(m: QueryMeasure, limits: QueryLimits): string | undefined {
  if (m.depth > limits.maxDepth) return `The query is ${m.depth} levels deep; at most ${limits.maxDepth} are allowed.`;
  if (m.aliases > limits.maxAliases) return `The query has ${m.aliases} aliases; at most ${limits.maxAliases} are allowed.`;
  if (m.directives > limits.maxDirectives) return `The query has ${m.directives} directives; at most ${limits.maxDirectives} are allowed.`;
  if (m.cost > limits.maxCost)
    return `The query would cost ${m.cost} points; at most ${limits.maxCost} are allowed. Ask for fewer items or fields.`;
  return undefined;
}

/** The size limit, checked before parsing (the token limit is the parser's own `maxTokens`). */
export function sourceProblem(query: string, limits: QueryLimits): string | undefined {
  if (query.length > limits.maxChars) return `The query has ${query.length} characters; at most ${limits.maxChars} are allowed.`;
  return undefined;
}
