import { Card, Timeline } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { formatDateTime } from '../../lib/format.js';
import type { EnumLabel } from '../../lib/translate.js';
import type { ActionStatus, ExtensionDecision, ProblemStatus } from '../../lib/types.js';
import type { ProblemDetail } from './problem-page.query.js';

/** Every event of the problem, newest first: who, when, from, to, why. */
export function ProblemTimeline({ problem }: { problem: ProblemDetail }) {
  const { t, te } = useI18n();
  const events = [...problem.history].reverse();
  return (
    <Card size="small" title={<h2 className="hub-card-title">{t('timeline.title')}</h2>} data-testid="problem-timeline">
      <Timeline
        items={events.map((e) => ({
          key: e.cursor,
          content: (
            <div>
              <div className="hub-muted">
                {formatDateTime(e.at)} · {e.actor?.displayName ?? t('common.system')}
              </div>
              <strong>{te('HubEventType', e.type)}</strong>
              {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? (
                <span>
                  {' '}
                  {statusLabel(te, e.type, e.fromStatus)} → {statusLabel(te, e.type, e.toStatus)}
                </span>
              ) : null}
              {e.action ? <div style={{ fontSize: 13 }}>{e.action.title}</div> : null}
              {/* An assignment's note is the action's title, shown just above: not twice. */}
              {e.note && e.note !== e.action?.title ? (
                <div className="hub-feedback-text" style={{ fontSize: 13, color: 'rgba(0,0,0,0.7)' }}>
                  {e.type === 'EXTENSION_DECIDED' ? te('ExtensionDecision', e.note as ExtensionDecision) : e.note}
                </div>
              ) : null}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

/** An event's from and to are the schema's plain strings: an action's status on an action's event, else the problem's. */
function statusLabel(te: EnumLabel, type: string, status: string): string {
  const actionEvent = type.startsWith('ACTION_') || type.startsWith('EXTENSION_');
  return actionEvent ? te('ActionStatus', status as ActionStatus) : te('ProblemStatus', status as ProblemStatus);
}
