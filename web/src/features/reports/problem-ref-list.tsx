import { Link } from 'react-router';
import { ProblemStatusTag } from '../common/problem-status-tag.js';
import type { ProblemRefListProblemFragment } from '../../gql/graphql.js';

export type ProblemRef = ProblemRefListProblemFragment;

/** Problems as links with their status. */
export function ProblemRefList({ items, empty }: { items: readonly ProblemRef[]; empty: string }) {
  if (!items.length) return <p className="hub-muted">{empty}</p>;
  return (
    <ul className="hub-activity">
      {items.map((p) => (
        <li key={p.id}>
          <Link to={`/problems/${p.id}`}>
            {p.code} {p.title}
          </Link>{' '}
          <ProblemStatusTag status={p.status} />
        </li>
      ))}
    </ul>
  );
}
