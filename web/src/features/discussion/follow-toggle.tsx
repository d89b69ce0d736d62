import { Button } from 'antd';
import { BellFilled, BellOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { FOLLOW_MUTATION, FOLLOW_QUERY, UNFOLLOW_MUTATION } from './discussion-panel.query.js';

/** Follow a problem (be told of its events) or stop; shows how many follow it. A toggle button, so Space and Enter work. */
export function FollowToggle({ problemId }: { problemId: string }) {
  const { t } = useI18n();
  const [{ data }, refetch] = useLiveQuery({
    query: FOLLOW_QUERY,
    variables: { id: problemId },
    live: { problemId, types: ['ACTION_ASSIGNED', 'ACTION_REASSIGNED', 'CONSULTATION_OPENED', 'EXPERTS_INVITED'] },
  });
  const follow = useHubMutation(FOLLOW_MUTATION);
  const unfollow = useHubMutation(UNFOLLOW_MUTATION);
  const p = data?.problem;
  if (!p) return null;
  const busy = follow.fetching || unfollow.fetching;
  async function toggle() {
    const input = { input: { problemId } };
    const r = p!.followedByMe
      ? await unfollow.run(input, { success: t('discussion.unfollowed') })
      : await follow.run(input, { success: t('discussion.followed') });
    if (r.ok) refetch({ requestPolicy: 'network-only' });
  }
  return (
    <Button
      size="small"
      type={p.followedByMe ? 'primary' : 'default'}
      icon={p.followedByMe ? <BellFilled /> : <BellOutlined />}
      aria-pressed={p.followedByMe}
      loading={busy}
      onClick={() => void toggle()}
      data-testid="follow-toggle"
    >
      {t(p.followedByMe ? 'discussion.following' : 'discussion.follow', { n: p.followers })}
    </Button>
  );
}
