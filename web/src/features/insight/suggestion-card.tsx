import { Button, Space } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { formatDate } from '../../lib/format.js';
import { FeedbackSnippet } from '../common/feedback-snippet.js';
import type { SuggestionCardClusterFragment } from '../../gql/graphql.js';

export type Cluster = SuggestionCardClusterFragment;

/** One group of similar unattached feedback, and the one-step way to make it a problem. */
export function SuggestionCard({ cluster, onOpen, opening }: { cluster: Cluster; onOpen: () => void; opening: boolean }) {
  const { t } = useI18n();
  const branches = cluster.branches
    .slice(0, 5)
    .map((b) => b.name)
    .join('、');
  return (
    <section className="hub-panel" data-testid="suggestion" aria-label={cluster.label}>
      <header>
        <h2 className="hub-card-title" style={{ flex: 1 }}>
          {cluster.label}
        </h2>
        <Button type="primary" icon={<ThunderboltOutlined />} loading={opening} onClick={onOpen}>
          {t('suggestions.open')}
        </Button>
      </header>
      <div className="hub-panel-body">
        <Space size="middle" wrap className="hub-muted" style={{ fontSize: 13, marginBottom: 8 }}>
          <span>
            <strong style={{ fontSize: 18, color: '#1a4f8b' }}>{cluster.size}</strong> {t('suggestions.items')}
          </span>
          {cluster.customers !== null && <span>{t('suggestions.customers', { n: cluster.customers })}</span>}
          <span>{cluster.category?.name ?? '—'}</span>
          <span>
            {formatDate(cluster.firstAt)} ~ {formatDate(cluster.lastAt)}
          </span>
          <span>
            {branches}
            {cluster.branches.length > 5 ? t('suggestions.moreBranches', { n: cluster.branches.length }) : ''}
          </span>
        </Space>
        <ul className="hub-activity">
          {cluster.sample.map((f) => (
            <FeedbackSnippet key={f.id} feedback={f} />
          ))}
        </ul>
      </div>
    </section>
  );
}
