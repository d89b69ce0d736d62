import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { formatDate } from '../../lib/format.js';
import type { FeedbackSnippetFeedbackFragment } from '../../gql/graphql.js';
import { KindTag } from './kind-tag.js';

/** One customer voice as an item of a short list: its kind, its words, where and when; `children` follow the date. */
export function FeedbackSnippet({ feedback: f, children }: { feedback: FeedbackSnippetFeedbackFragment; children?: ReactNode }) {
  return (
    <li>
      <KindTag kind={f.kind} complaint={f.complaint} />
      <Typography.Text>{f.text}</Typography.Text>
      <div className="hub-muted">
        {f.branch.name} · {formatDate(f.receivedAt)}
        {children}
      </div>
    </li>
  );
}
