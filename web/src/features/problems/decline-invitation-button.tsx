import { useState } from 'react';
import { Button } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { TextPromptModal, type TextPrompt } from '../common/text-prompt-modal.js';
import { DECLINE_INVITATION } from './problem-corrections.query.js';

/** An invited expert who is not the one to answer declines, with the reason, before giving an opinion; the coordinator is told. */
export function DeclineInvitationButton({ problemId }: { problemId: string }) {
  const { t } = useI18n();
  const [prompt, setPrompt] = useState<TextPrompt | null>(null);
  const decline = useHubMutation(DECLINE_INVITATION);
  return (
    <>
      <Button
        onClick={() =>
          setPrompt({
            title: t('consultation.declineInvitation'),
            field: 'reason',
            label: t('consultation.declineReason'),
            hint: t('consultation.declineHint'),
            okText: t('consultation.declineInvitation'),
            danger: true,
            submit: (reason, form) =>
              decline.run({ input: { problemId, reason } }, { form, problemId, success: t('consultation.declined') }),
          })
        }
      >
        {t('consultation.declineInvitation')}
      </Button>
      {prompt && <TextPromptModal prompt={prompt} onClose={() => setPrompt(null)} />}
    </>
  );
}
