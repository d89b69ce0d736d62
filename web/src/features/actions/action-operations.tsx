import { useState } from 'react';
import { Button, Dropdown, Popconfirm, Space, Tag, Typography } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { formatDate } from '../../lib/format.js';
import { OWED_ACTION, type ActionStatus, type Viewer } from '../../lib/types.js';
import type { OperableAction } from './operable-action.js';
import { TextPromptModal, type TextPrompt } from '../common/text-prompt-modal.js';
import { ExtensionModal } from './extension-modal.js';
import { GrantExtensionModal } from './grant-extension-modal.js';
import { ReassignActionModal } from './reassign-action-modal.js';
import { RedateActionModal } from './redate-action-modal.js';
import { SubmitActionModal } from './submit-action-modal.js';
import { ACCEPT_ACTION, CONFIRM_ACTION, DECIDE_EXTENSION, REPORT_PROGRESS, RETURN_ACTION } from './action-operations.query.js';
import { CANCEL_ACTION, DECLINE_ACTION } from './action-corrections.query.js';

export type { OperableAction };

/**
 * Whether the viewer works on this action: a branch manager sees only their subtree's actions,
 * so any branch action they see is theirs; an expert works on their department's.
 */
export function worksOn(viewer: Viewer, a: OperableAction): boolean {
  if (viewer.role === 'BRANCH_MANAGER') return !!a.branch;
  if (viewer.role === 'EXPERT') return !!a.department && a.department.id === viewer.department?.id;
  return false;
}

/** Rows the owner may still send back as not theirs (the server's decline transition). */
const DECLINABLE: readonly ActionStatus[] = OWED_ACTION;
/** Rows the coordinator may hand to another owner. */
const REASSIGNABLE: readonly ActionStatus[] = [...OWED_ACTION, 'DECLINED'];
/** Rows the coordinator may re-date. */
const REDATABLE: readonly ActionStatus[] = [...OWED_ACTION, 'SUBMITTED', 'DECLINED'];
/** Rows the coordinator may withdraw: any not yet settled. */
const CANCELLABLE: readonly ActionStatus[] = [...OWED_ACTION, 'SUBMITTED', 'DECLINED'];

type Dialog = 'extend' | 'grant' | 'reassign' | 'redate' | 'submit';

/**
 * The next steps on one linkage action that the viewer may take, as buttons: the owner's (accept,
 * report, submit, ask for time, decline a row not theirs) and the coordinator's (confirm, return,
 * decide an extension, and the corrections: reassign, re-date, cancel).
 */
export function ActionOperations({ action, problemId }: { action: OperableAction; problemId?: string }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const [prompt, setPrompt] = useState<TextPrompt | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const accept = useHubMutation(ACCEPT_ACTION);
  const progress = useHubMutation(REPORT_PROGRESS);
  const confirm = useHubMutation(CONFIRM_ACTION);
  const ret = useHubMutation(RETURN_ACTION);
  const decide = useHubMutation(DECIDE_EXTENSION);
  const cancel = useHubMutation(CANCEL_ACTION);
  const decline = useHubMutation(DECLINE_ACTION);
  const step = { actionId: action.id, expectedVersion: action.version };
  const opts = { problemId };
  const pendingExtension = action.extension?.decision === 'PENDING';
  const owner = worksOn(viewer, action);
  const coordinator = viewer.role === 'COORDINATOR';
  const buttons = [];

  if (owner && action.status === 'ASSIGNED')
    buttons.push(
      <Button
        key="accept"
        size="small"
        type="primary"
        loading={accept.fetching}
        onClick={() => accept.run({ input: step }, { ...opts, success: t('action.accepted') })}
      >
        {t('action.accept')}
      </Button>,
    );
  if (owner && ['ACCEPTED', 'IN_PROGRESS', 'RETURNED'].includes(action.status))
    buttons.push(
      <Button
        key="progress"
        size="small"
        type={action.status === 'IN_PROGRESS' ? 'default' : 'primary'}
        onClick={() =>
          setPrompt({
            title: t('action.reportProgress'),
            field: 'note',
            label: t('action.progressNote'),
            submit: (note, form) => progress.run({ input: { ...step, note } }, { ...opts, form, success: t('action.progressSaved') }),
          })
        }
      >
        {t('action.reportProgress')}
      </Button>,
    );
  if (owner && action.status === 'IN_PROGRESS')
    buttons.push(
      <Button key="submit" size="small" type="primary" onClick={() => setDialog('submit')}>
        {t('action.submit')}
      </Button>,
    );
  if (owner && OWED_ACTION.includes(action.status) && !pendingExtension)
    buttons.push(
      <Button key="extend" size="small" onClick={() => setDialog('extend')}>
        {t('extension.request')}
      </Button>,
    );
  if (owner && DECLINABLE.includes(action.status))
    buttons.push(
      <Button
        key="decline"
        size="small"
        onClick={() =>
          setPrompt({
            title: t('action.declineTitle'),
            field: 'reason',
            label: t('action.declineReason'),
            hint: t('action.declineHint'),
            okText: t('action.decline'),
            danger: true,
            submit: (reason, form) => decline.run({ input: { ...step, reason } }, { ...opts, form, success: t('action.declined') }),
          })
        }
      >
        {t('action.decline')}
      </Button>,
    );
  if (coordinator && action.status === 'SUBMITTED') {
    buttons.push(
      <Button
        key="confirm"
        size="small"
        type="primary"
        loading={confirm.fetching}
        onClick={() => confirm.run({ input: step }, { ...opts, success: t('action.confirmed') })}
      >
        {t('action.confirm')}
      </Button>,
      <Button
        key="return"
        size="small"
        danger
        onClick={() =>
          setPrompt({
            title: t('action.return'),
            field: 'reason',
            label: t('action.returnReason'),
            danger: true,
            submit: (reason, form) => ret.run({ input: { ...step, reason } }, { ...opts, form, success: t('action.returned') }),
          })
        }
      >
        {t('action.return')}
      </Button>,
    );
  }
  if (coordinator && pendingExtension)
    buttons.push(
      <Button key="grant" size="small" type="primary" onClick={() => setDialog('grant')}>
        {t('extension.grant')}
      </Button>,
      <Popconfirm
        key="refuse"
        title={t('extension.refuseConfirm')}
        onConfirm={() => decide.run({ input: { actionId: action.id, grant: false } }, { ...opts, success: t('extension.refused') })}
      >
        <Button size="small" danger>
          {t('extension.refuse')}
        </Button>
      </Popconfirm>,
    );

  if (coordinator && action.status === 'DECLINED')
    buttons.push(
      <Button key="reassign" size="small" type="primary" onClick={() => setDialog('reassign')}>
        {t('action.reassign')}
      </Button>,
    );
  const corrections = [
    coordinator && REASSIGNABLE.includes(action.status) && action.status !== 'DECLINED'
      ? { key: 'reassign', label: t('action.reassign') }
      : null,
    coordinator && REDATABLE.includes(action.status) ? { key: 'redate', label: t('action.redate') } : null,
    coordinator && CANCELLABLE.includes(action.status) ? { key: 'cancel', label: t('action.cancel'), danger: true } : null,
  ].filter((i) => i !== null);
  if (corrections.length)
    buttons.push(
      <Dropdown
        key="correct"
        // From the keyboard: Enter opens the menu, Tab steps into it, the arrows choose, Enter takes.
        trigger={['click']}
        menu={{
          items: corrections,
          onClick: ({ key }) => {
            if (key === 'cancel')
              setPrompt({
                title: t('action.cancelTitle'),
                field: 'reason',
                label: t('action.cancelReason'),
                hint: t('action.cancelHint'),
                okText: t('action.cancel'),
                danger: true,
                submit: (reason, form) => cancel.run({ input: { ...step, reason } }, { ...opts, form, success: t('action.cancelled') }),
              });
            else setDialog(key as Dialog);
          },
        }}
      >
        <Button size="small" aria-label={t('action.correctFor', { title: action.title })}>
          {t('action.correct')} <DownOutlined />
        </Button>
      </Dropdown>,
    );

  // Returned work shows no 提交完成 until progress is reported again: say so, and why it came back.
  const returnedWhy =
    owner && action.status === 'RETURNED' ? [...action.updates].reverse().find((u) => u.status === 'RETURNED')?.note : undefined;
  return (
    <>
      {owner && action.status === 'RETURNED' && (
        <Typography.Paragraph type="warning" style={{ margin: '0 0 4px', fontSize: 12 }} data-testid="returned-why">
          {t('action.returnedWhy', { reason: returnedWhy ?? '—' })}
        </Typography.Paragraph>
      )}
      <Space size={4} wrap>
        {pendingExtension && (
          <Tag style={{ color: '#8a4b00', background: '#fff4e0', borderColor: '#f2c27a' }}>
            {t('extension.pending', { date: formatDate(action.extension!.requestedDueAt) })}
          </Tag>
        )}
        {buttons}
      </Space>
      {prompt && <TextPromptModal prompt={prompt} onClose={() => setPrompt(null)} />}
      {dialog === 'extend' && <ExtensionModal action={action} problemId={problemId} onClose={() => setDialog(null)} />}
      {dialog === 'submit' && <SubmitActionModal action={action} problemId={problemId} onClose={() => setDialog(null)} />}
      {dialog === 'grant' && <GrantExtensionModal action={action} problemId={problemId} onClose={() => setDialog(null)} />}
      {dialog === 'reassign' && <ReassignActionModal action={action} problemId={problemId} onClose={() => setDialog(null)} />}
      {dialog === 'redate' && <RedateActionModal action={action} problemId={problemId} onClose={() => setDialog(null)} />}
    </>
  );
}
