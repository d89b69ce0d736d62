import {
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  isInputObjectType,
  isListType,
  isNonNullType,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { AppError, badInput } from './errors.js';

/**
 * Bounds on the values a request carries (arguments written in the document and variables), checked
 * against the schema before graphql-js coerces the variables and before any resolver runs: a list
 * of 400,000 enum values, a password of a million characters or a value nested thousands deep would
 * otherwise hold the single thread while it is coerced, normalised or turned into SQL parameters.
 */
export interface InputLimits {
  /** Items of any list argument or input field, unless it declares `maxItems`. */
  maxListLength: number;
  /** Characters of any string, unless its input field or argument declares `maxLength`. */
  maxStringLength: number;
  /** Levels of nested lists and objects in one value. */
  maxDepth: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = { maxListLength: 1_000, maxStringLength: 10_000, maxDepth: 10 };

/**
 * What an input field or argument may declare in its GraphQL extensions (type-graphql:
 * `@Extensions({ maxLength: 1_024 })`) to get a limit other than the default.
 */
export interface InputFieldLimits {
  maxLength?: number;
  maxItems?: number;
}

type Extensions = Readonly<Record<string, unknown>> | null | undefined;
const limitsOf = (extensions: Extensions): InputFieldLimits => (extensions ?? {}) as InputFieldLimits;

/**
 * Throws BAD_USER_INPUT naming the first argument or input field (e.g. `filter.channel`,
 * `input.password`) whose value is too long, has too many items or is nested too deep. Variables
 * are checked where the document uses them, with the limits of the field they fill.
 */
export function assertInputWithinLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  limits: InputLimits = DEFAULT_INPUT_LIMITS,
): void {
  const values = variables ?? {};

  const tooDeep = (field: string) =>
    badInput(field, `${field} is nested more than ${limits.maxDepth} levels deep; at most ${limits.maxDepth} are allowed.`);
  const checkString = (field: string, length: number, declared: InputFieldLimits) => {
    const max = declared.maxLength ?? limits.maxStringLength;
    if (length > max) throw badInput(field, `${field} may have at most ${max} characters (got ${length}).`);
  };
  const checkList = (field: string, length: number, declared: InputFieldLimits) => {
    const max = declared.maxItems ?? limits.maxListLength;
    if (length > max) throw badInput(field, `${field} may have at most ${max} items (got ${length}).`);
  };

  /** A variable's value (JSON) against the type of the position it fills. */
  const checkValue = (value: unknown, type: GraphQLInputType, declared: InputFieldLimits, field: string, depth: number): void => {
    if (value === null || value === undefined) return;
    if (depth > limits.maxDepth) throw tooDeep(field);
    if (isNonNullType(type)) return checkValue(value, type.ofType, declared, field, depth);
    if (isListType(type)) {
      if (!Array.isArray(value)) return checkValue(value, type.ofType, declared, field, depth);
      checkList(field, value.length, declared);
      value.forEach((item, i) => checkValue(item, type.ofType, declared, `${field}[${i}]`, depth + 1));
      return;
    }
    if (isInputObjectType(type)) {
      if (typeof value !== 'object' || Array.isArray(value)) return; // coercion refuses it
      const fields = type.getFields();
      for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
        const def = fields[name];
        if (def) checkValue(inner, def.type, limitsOf(def.extensions), `${field}.${name}`, depth + 1);
      }
      return;
    }
    if (typeof value === 'string') checkString(field, value.length, declared);
  };

  /** A value written in the document (variables inside it included) against its position's type. */
  const checkNode = (node: ValueNode, type: GraphQLInputType, declared: InputFieldLimits, field: string, depth: number): void => {
    if (node.kind === Kind.VARIABLE) return checkValue(values[node.name.value], type, declared, field, depth);
    if (node.kind === Kind.NULL) return;
    if (depth > limits.maxDepth) throw tooDeep(field);
    if (isNonNullType(type)) return checkNode(node, type.ofType, declared, field, depth);
    if (isListType(type)) {
      if (node.kind !== Kind.LIST) return checkNode(node, type.ofType, declared, field, depth);
      checkList(field, node.values.length, declared);
      node.values.forEach((item, i) => checkNode(item, type.ofType, declared, `${field}[${i}]`, depth + 1));
      return;
    }
    if (isInputObjectType(type)) {
      if (node.kind !== Kind.OBJECT) return;
      const fields = type.getFields();
      for (const f of node.fields) {
        const def = fields[f.name.value];
        if (def) checkNode(f.value, def.type, limitsOf(def.extensions), `${field}.${f.name.value}`, depth + 1);
      }
      return;
    }
    if (node.kind === Kind.STRING) checkString(field, node.value.length, declared);
  };

  for (const site of argumentsOf(schema, document)) checkNode(site.value, site.type, site.declared, site.name, 0);
  // Then the raw shape, whatever the types say (an array where a string is expected, fields the
  // type does not have): nothing recursive (coercion, JSON.stringify, the audit detail) may meet
  // a value nested thousands deep.
  for (const [name, value] of Object.entries(values)) assertShallow(`$${name}`, value, limits.maxDepth);
}

/** assertInputWithinLimits's refusal as a value, for a caller that must record it before throwing. */
export function inputLimitRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): AppError | undefined {
  try {
    assertInputWithinLimits(schema, document, variables);
    return undefined;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

interface ArgumentSite {
  name: string;
  value: ValueNode;
  type: GraphQLInputType;
  declared: InputFieldLimits;
}
/** Each document's arguments with their types, found once: the same documents come again and again. */
const sitesByDocument = new WeakMap<DocumentNode, ArgumentSite[]>();

function argumentsOf(schema: GraphQLSchema, document: DocumentNode): ArgumentSite[] {
  let sites = sitesByDocument.get(document);
  if (sites) return sites;
  const found: ArgumentSite[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const def = typeInfo.getArgument();
        if (def) found.push({ name: node.name.value, value: node.value, type: def.type, declared: limitsOf(def.extensions) });
        return false; // its value is walked per request
      },
    }),
  );
  sitesByDocument.set(document, (sites = found));
  return sites;
}

/** Refuses a JSON value nested deeper than `maxDepth`, without recursion. */
function assertShallow(field: string, root: unknown, maxDepth: number): void {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) throw badInput(field, `${field} is nested more than ${maxDepth} levels deep; at most ${maxDepth} are allowed.`);
    const items = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
    for (const item of items) stack.push([item, depth + 1]);
  }
}
