import { useState } from 'react';
import { Button, Popconfirm, Space, Tag } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { formatDate } from '../../lib/format.js';
import { OWED_ACTION, type Viewer } from '../../lib/types.js';
import type { LinkageTableActionFragment } from '../../gql/graphql.js';
import { TextPromptModal, type TextPrompt } from '../common/text-prompt-modal.js';
import { ExtensionModal } from './extension-modal.js';
import { EvidencePanel } from '../evidence/index.js';
import {
  ACCEPT_ACTION,
  CONFIRM_ACTION,
  DECIDE_EXTENSION,
  REPORT_PROGRESS,
  RETURN_ACTION,
  SUBMIT_ACTION,
} from './action-operations.query.js';

/** What the buttons read of an action (a row of LinkageTable_Action, problems/linkage-table.query.ts). */
export type OperableAction = Pick<
  LinkageTableActionFragment,
  'id' | 'title' | 'status' | 'version' | 'dueAt' | 'branch' | 'department' | 'extension'
>;

/**
 * Whether the viewer works on this action: a branch manager sees only their subtree's actions,
 * so any branch action they see is theirs; an expert works on their department's.
 */
export function worksOn(viewer: Viewer, a: OperableAction): boolean {
  if (viewer.role === 'BRANCH_MANAGER') return !!a.branch;
  if (viewer.role === 'EXPERT') return !!a.department && a.department.id === viewer.department?.id;
  return false;
}

/** The next steps on one linkage action that the viewer may take, as buttons. */
export function ActionOperations({ action, problemId }: { action: OperableAction; problemId?: string }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const [prompt, setPrompt] = useState<TextPrompt | null>(null);
  const [extending, setExtending] = useState(false);
  const accept = useHubMutation(ACCEPT_ACTION);
  const progress = useHubMutation(REPORT_PROGRESS);
  const submit = useHubMutation(SUBMIT_ACTION);
  const confirm = useHubMutation(CONFIRM_ACTION);
  const ret = useHubMutation(RETURN_ACTION);
  const decide = useHubMutation(DECIDE_EXTENSION);
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
      <Button
        key="submit"
        size="small"
        type="primary"
        onClick={() =>
          setPrompt({
            title: t('action.submit'),
            field: 'evidence',
            label: t('action.evidence'),
            hint: t('action.evidenceHint'),
            // The proof itself: photos, the signed sheet, the notice — attached before handing in.
            extra: <EvidencePanel parent={{ kind: 'ACTION', id: action.id }} problemId={problemId} canUpload />,
            submit: (evidence, form) => submit.run({ input: { ...step, evidence } }, { ...opts, form, success: t('action.submitted') }),
          })
        }
      >
        {t('action.submit')}
      </Button>,
    );
  if (owner && OWED_ACTION.includes(action.status) && !pendingExtension)
    buttons.push(
      <Button key="extend" size="small" onClick={() => setExtending(true)}>
        {t('extension.request')}
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
      <Popconfirm
        key="grant"
        title={t('extension.grantConfirm', { date: formatDate(action.extension!.requestedDueAt) })}
        onConfirm={() => decide.run({ input: { actionId: action.id, grant: true } }, { ...opts, success: t('extension.granted') })}
      >
        <Button size="small" type="primary">
          {t('extension.grant')}
        </Button>
      </Popconfirm>,
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

  return (
    <>
      <Space size={4} wrap>
        {pendingExtension && (
          <Tag style={{ color: '#8a4b00', background: '#fff4e0', borderColor: '#f2c27a' }}>
            {t('extension.pending', { date: formatDate(action.extension!.requestedDueAt) })}
          </Tag>
        )}
        {buttons}
      </Space>
      {prompt && <TextPromptModal prompt={prompt} onClose={() => setPrompt(null)} />}
      {extending && <ExtensionModal action={action} problemId={problemId} onClose={() => setExtending(false)} />}
    </>
  );
}
