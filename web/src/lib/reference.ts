import { useMemo } from 'react';
import { useQuery } from 'urql';
import type { ReferenceBranchFragment, ReferenceDataQuery } from '../gql/graphql.js';
import { REFERENCE_QUERY } from './reference.query.js';

export type BranchNode = ReferenceBranchFragment;
export type CategoryRef = ReferenceDataQuery['categories'][number];
export type DepartmentRef = ReferenceDataQuery['departments'][number];

export interface TreeNode {
  value: string;
  title: string;
  key: string;
  children?: TreeNode[];
}

/** Builds the organisation tree from the flat list (parents before children). */
export function branchTree(branches: readonly BranchNode[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const b of branches) nodes.set(b.id, { value: b.id, key: b.id, title: b.name });
  const roots: TreeNode[] = [];
  for (const b of branches) {
    const node = nodes.get(b.id)!;
    const parent = b.parent ? nodes.get(b.parent.id) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** Branches, categories and departments: fetched once a session, shared by every picker. */
export function useReference() {
  const [result] = useQuery({
    query: REFERENCE_QUERY,
    requestPolicy: 'cache-first',
  });
  const data = result.data;
  return useMemo(() => {
    const branches = data?.branches ?? [];
    return {
      fetching: result.fetching,
      error: result.error,
      branches,
      categories: data?.categories ?? [],
      departments: data?.departments ?? [],
      tree: branchTree(branches),
      branchById: new Map(branches.map((b) => [b.id, b])),
    };
  }, [data, result.fetching, result.error]);
}
