import { useState } from 'react';
import { Button, Input, Popconfirm, Space, Typography } from 'antd';
import type { CommentItemCommentFragment } from '../../gql/graphql.js';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { formatDateTime } from '../../lib/format.js';
import { DELETE_COMMENT_MUTATION, EDIT_COMMENT_MUTATION } from './discussion-panel.query.js';

/**
 * One comment of the thread: its author's words (masked by the server where the viewer sees masked
 * text), editable by the author while the edit window lasts, or the tombstone a deleted one leaves.
 */
export function CommentItem({
  comment,
  problemId,
  onChanged,
}: {
  comment: CommentItemCommentFragment;
  problemId: string;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.body ?? '');
  const edit = useHubMutation(EDIT_COMMENT_MUTATION);
  const remove = useHubMutation(DELETE_COMMENT_MUTATION);

  if (comment.deleted)
    return (
      <li className="hub-comment hub-comment-deleted" data-testid="comment-tombstone" data-comment-id={comment.id}>
        <Typography.Text type="secondary" delete={false}>
          {t('discussion.tombstone', {
            who: comment.deletedBy?.displayName ?? t('common.system'),
            when: formatDateTime(comment.deletedAt),
          })}
        </Typography.Text>
      </li>
    );

  async function save() {
    const r = await edit.run(
      { input: { commentId: comment.id, expectedVersion: comment.version, body: draft } },
      { problemId, success: t('discussion.edited') },
    );
    if (r.ok) {
      setEditing(false);
      onChanged();
    }
  }

  async function del() {
    const r = await remove.run(
      { input: { commentId: comment.id, expectedVersion: comment.version } },
      { problemId, success: t('discussion.deleted') },
    );
    if (r.ok) onChanged();
  }

  return (
    <li className="hub-comment" data-testid="comment" data-comment-id={comment.id}>
      <div className="hub-comment-head">
        <Typography.Text strong>{comment.author.displayName}</Typography.Text>
        <Typography.Text type="secondary">
          {formatDateTime(comment.createdAt)}
          {comment.editedAt ? ` · ${t('discussion.editedMark')}` : ''}
        </Typography.Text>
      </div>
      {editing ? (
        <div>
          <Input.TextArea
            aria-label={t('discussion.editLabel')}
            value={draft}
            autoSize={{ minRows: 2, maxRows: 8 }}
            maxLength={4000}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
              if (e.key === 'Escape') setEditing(false);
            }}
          />
          <Space style={{ marginTop: 6 }}>
            <Button type="primary" size="small" loading={edit.fetching} onClick={() => void save()}>
              {t('discussion.save')}
            </Button>
            <Button size="small" onClick={() => setEditing(false)}>
              {t('discussion.cancel')}
            </Button>
          </Space>
        </div>
      ) : (
        <p className="hub-comment-body" data-testid="comment-body">
          {comment.body}
        </p>
      )}
      {!editing && (comment.canEdit || comment.canDelete) && (
        <Space size={4}>
          {comment.canEdit && (
            <Button
              type="link"
              size="small"
              onClick={() => {
                setDraft(comment.body ?? '');
                setEditing(true);
              }}
              title={t('discussion.editUntil', { when: formatDateTime(comment.editableUntil) })}
            >
              {t('discussion.edit')}
            </Button>
          )}
          {comment.canDelete && (
            <Popconfirm
              title={t('discussion.deleteConfirm')}
              okText={t('discussion.delete')}
              cancelText={t('discussion.cancel')}
              onConfirm={() => void del()}
            >
              <Button type="link" size="small" danger loading={remove.fetching}>
                {t('discussion.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}
    </li>
  );
}
