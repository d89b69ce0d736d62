import { useMemo } from 'react';
import { useQuery, type AnyVariables, type RequestPolicy, type TypedDocumentNode, type UseQueryResponse } from 'urql';
import type { LiveSpec } from './live-rules.js';

export interface LiveQueryArgs<Data, Vars extends AnyVariables> {
  /** A typed document (`graphql()` from src/gql). */
  query: TypedDocumentNode<Data, Vars>;
  variables?: Vars;
  /** Which events change what this query shows; `{}` for every event. */
  live: LiveSpec;
  pause?: boolean;
  requestPolicy?: RequestPolicy;
}

/** useQuery that stays current: refetched when a matching hub event arrives. */
export function useLiveQuery<Data, Vars extends AnyVariables>(args: LiveQueryArgs<Data, Vars>): UseQueryResponse<Data, Vars> {
  const liveKey = JSON.stringify(args.live);
  const context = useMemo(() => ({ live: args.live }), [liveKey]);
  return useQuery<Data, Vars>({
    query: args.query,
    variables: args.variables as Vars,
    context,
    pause: args.pause,
    requestPolicy: args.requestPolicy,
  });
}
