import { useMemo } from 'react';
import { Button, Empty, Form, Mentions } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { COMMENT_EVENTS } from '../../lib/live-rules.js';
import { Panel } from '../common/panel.js';
import { ADD_COMMENT_MUTATION, DISCUSSION_QUERY } from './discussion-panel.query.js';
import { CommentItem } from './comment-item.js';
import { FollowToggle } from './follow-toggle.js';

/**
 * A problem's discussion, live for everyone on the page: the thread, oldest first (deleted comments
 * as tombstones), and a box to write in, where @ opens a picker of the people who may see the
 * problem (arrow keys and Enter pick; Ctrl+Enter posts). The follow toggle sits in its header.
 */
export function DiscussionPanel({ problemId }: { problemId: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ body: string }>();
  const [{ data }, refetch] = useLiveQuery({
    query: DISCUSSION_QUERY,
    variables: { id: problemId },
    live: { problemId, types: COMMENT_EVENTS },
  });
  const add = useHubMutation(ADD_COMMENT_MUTATION);
  const comments = data?.problem?.comments ?? [];
  const options = useMemo(
    () =>
      (data?.problem?.mentionCandidates ?? []).map((u) => ({
        value: u.username,
        key: u.id,
        label: `${u.displayName}（${u.username}）`,
      })),
    [data?.problem?.mentionCandidates],
  );
  const reload = () => refetch({ requestPolicy: 'network-only' });

  async function post(v: { body: string }) {
    const r = await add.run({ input: { problemId, body: v.body ?? '' } }, { form, problemId, success: t('discussion.posted') });
    if (r.ok) {
      form.resetFields();
      reload();
    }
  }

  return (
    <Panel
      title={`${t('discussion.title')}（${comments.filter((c) => !c.deleted).length}）`}
      extra={<FollowToggle problemId={problemId} />}
      testId="discussion-panel"
    >
      {comments.length ? (
        <ol className="hub-comments" aria-label={t('discussion.title')} data-testid="comment-list">
          {comments.map((c) => (
            <CommentItem key={c.id} comment={c} problemId={problemId} onChanged={reload} />
          ))}
        </ol>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('discussion.empty')} />
      )}
      <Form name="comment" form={form} layout="vertical" onFinish={post} data-testid="comment-form">
        <Form.Item name="body" label={t('discussion.write')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Mentions
            rows={3}
            maxLength={4000}
            placeholder={t('discussion.placeholder')}
            options={options}
            // People are found by their name as well as their username.
            filterOption={(input, option) =>
              !!option &&
              (String(option.value).toLowerCase().includes(input.toLowerCase()) ||
                String((option as { label?: string }).label ?? '').includes(input))
            }
            data-testid="comment-input"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.submit();
            }}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.fetching} data-testid="comment-submit">
          {t('discussion.post')}
        </Button>
      </Form>
    </Panel>
  );
}
