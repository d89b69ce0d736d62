/**
 * A GraphQL enum object built from a table's value list, so the two cannot drift: each feature
 * registers its own enums (`<feature>.enums.ts`) with type-graphql's registerEnumType.
 */
export const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
