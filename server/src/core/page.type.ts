import { Field, ObjectType } from 'type-graphql';

@ObjectType('PageInfo')
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

/** A service page as a Relay connection. */
export function toConnection<T>(page: { nodes: T[]; hasNextPage: boolean; totalCount: number; cursorOf: (n: T) => string }) {
  const edges = page.nodes.map((node) => ({ cursor: page.cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null },
    totalCount: page.totalCount,
  };
}
