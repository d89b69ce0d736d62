import { useDeferredValue, useState } from 'react';
import { Button, Card, List, Typography } from 'antd';
import { useQuery } from 'urql';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { formatDate } from '../../lib/format.js';
import { ARTICLE_SUGGESTIONS_QUERY, MARK_ANSWERED } from './article-suggestions.query.js';

/** Fewer characters than this say too little to match on (two Chinese characters make one bigram). */
const MIN_CHARS = 6;

/**
 * Beside the feedback form: the live knowledge-base articles whose question is similar to the
 * customer's words as the agent types them (the server's similarity), each with the answer to
 * give, and a button to mark the contact answered with it (counted for the article).
 */
export function ArticleSuggestions({ text }: { text: string }) {
  const { t } = useI18n();
  // Typing stays fast: the query follows the words a render behind.
  const words = useDeferredValue(text.trim());
  const [{ data }] = useQuery({ query: ARTICLE_SUGGESTIONS_QUERY, variables: { text: words }, pause: words.length < MIN_CHARS });
  const mark = useHubMutation(MARK_ANSWERED);
  const [used, setUsed] = useState<Record<string, boolean>>({});
  const found = words.length < MIN_CHARS ? [] : (data?.articleSuggestions ?? []);
  if (!found.length) return null;
  return (
    <Card size="small" title={t('knowledge.suggested')} style={{ marginBottom: 16 }} data-testid="article-suggestions">
      <List
        size="small"
        dataSource={found}
        rowKey={(s) => s.article.id}
        renderItem={({ article }) => (
          <List.Item
            actions={[
              <Button
                key="use"
                size="small"
                disabled={used[article.id]}
                loading={mark.fetching}
                onClick={async () => {
                  const r = await mark.run({ input: { articleId: article.id } }, { success: t('knowledge.usedIt') });
                  if (r.ok) setUsed((u) => ({ ...u, [article.id]: true }));
                }}
              >
                {t('knowledge.useIt')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={article.title}
              description={
                <>
                  <div>{article.answer}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('knowledge.changedSince')} {formatDate(article.changedSince)} · {t('knowledge.answered')} {article.answeredCount}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
