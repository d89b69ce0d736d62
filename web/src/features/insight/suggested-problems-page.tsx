import { useMemo, useState } from 'react';
import { Button, Empty, InputNumber, Segmented, Space } from 'antd';
import { useNavigate } from 'react-router';
import dayjs from 'dayjs';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { FEEDBACK_EVENTS } from '../../lib/live-rules.js';
import type { Severity } from '../../lib/types.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { CategoryPicker } from '../common/category-picker.js';
import { OPEN_PROBLEM_MUTATION } from '../inbox/index.js';
import { SuggestionCard, type Cluster } from './suggestion-card.js';
import { SUGGESTED_PROBLEMS_QUERY } from './suggested-problems-page.query.js';

type Window = '7' | '30' | '90';

/** Severity from how many voices a group holds: many voices, more urgency. */
function severityOf(size: number): Severity {
  return size >= 20 ? 'HIGH' : size >= 5 ? 'MEDIUM' : 'LOW';
}

/** The analyst's suggested problems: groups of similar unattached feedback, each one step from a problem. */
export function SuggestedProblemsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [windowDays, setWindowDays] = useState<Window>('30');
  const [minSize, setMinSize] = useState(3);
  const [categoryId, setCategoryId] = useState<string | undefined>();
  const [opening, setOpening] = useState<string | null>(null);
  const [shown, setShown] = useState(20);
  const variables = useMemo(
    () => ({ from: dayjs().startOf('day').subtract(Number(windowDays), 'day').toISOString(), minSize, categoryId }),
    [windowDays, minSize, categoryId],
  );
  const [{ data, error, fetching }, refetch] = useLiveQuery({
    query: SUGGESTED_PROBLEMS_QUERY,
    variables,
    live: { types: FEEDBACK_EVENTS },
  });
  const open = useHubMutation(OPEN_PROBLEM_MUTATION);
  const clusters = data?.suggestedProblems ?? [];

  async function openProblem(c: Cluster) {
    if (!c.category) return;
    setOpening(c.key);
    const r = await open.run(
      { input: { title: c.label.slice(0, 100), categoryId: c.category.id, severity: severityOf(c.size), feedbackIds: c.feedbackIds } },
      { success: t('suggestions.opened') },
    );
    setOpening(null);
    if (r.ok) navigate(`/problems/${r.data.openProblem.id}`);
  }

  return (
    <>
      <PageHeader
        title={t('suggestions.title')}
        sub={t('suggestions.sub', { n: clusters.length })}
        extra={
          <Space wrap>
            <CategoryPicker value={categoryId} onChange={setCategoryId} allowClear aria-label={t('feedback.category')} />
            <Space size={4}>
              <label htmlFor="min-size">{t('suggestions.minSize')}</label>
              <InputNumber id="min-size" min={2} max={50} value={minSize} onChange={(v) => setMinSize(v ?? 3)} style={{ width: 72 }} />
            </Space>
            <Segmented<Window>
              value={windowDays}
              onChange={setWindowDays}
              options={[
                { value: '7', label: t('period.week') },
                { value: '30', label: t('suggestions.days30') },
                { value: '90', label: t('suggestions.days90') },
              ]}
              aria-label={t('period.label')}
            />
          </Space>
        }
      />
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      {!fetching && !clusters.length && <Empty description={t('suggestions.none')} />}
      <div className="hub-grid hub-grid-2" data-testid="suggestions">
        {clusters.slice(0, shown).map((c) => (
          <SuggestionCard key={c.key} cluster={c} opening={opening === c.key} onOpen={() => void openProblem(c)} />
        ))}
      </div>
      {clusters.length > shown && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => setShown(shown + 20)}>{t('suggestions.more', { n: clusters.length - shown })}</Button>
        </div>
      )}
    </>
  );
}
