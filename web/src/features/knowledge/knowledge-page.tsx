import { useState } from 'react';
import { Button, DatePicker, Empty, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from 'urql';
import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { enumValues } from '../../lib/translate.js';
import { formatDate } from '../../lib/format.js';
import type { ArticleStatus, KnowledgePageArticleFragment } from '../../gql/graphql.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { EnumTag } from '../common/enum-tag.js';
import { TextPromptModal, type TextPrompt } from '../common/text-prompt-modal.js';
import { EDIT_ARTICLE, KNOWLEDGE_ARTICLES_QUERY, PUBLISH_ARTICLE, RETIRE_ARTICLE, SUBMIT_ARTICLE } from './knowledge.query.js';

type Article = KnowledgePageArticleFragment;
interface Values {
  title: string;
  question: string;
  answer: string;
  change: string;
  changedSince?: Dayjs | null;
  expiresAt?: Dayjs | null;
}

const TONES = { DRAFT: 'grey', IN_REVIEW: 'amber', PUBLISHED: 'green', RETIRED: 'slate' } as const;

/**
 * The knowledge base (知识库): analysts and coordinators find an article (in Chinese, by its words
 * or a paraphrase of its question), edit it, submit it for review and publish what another
 * submitted, or retire it; agents read the live articles.
 */
export function KnowledgePage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const curator = viewer.role === 'ANALYST' || viewer.role === 'COORDINATOR';
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<ArticleStatus | undefined>();
  const [editing, setEditing] = useState<Article | null>(null);
  const [prompt, setPrompt] = useState<TextPrompt | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: KNOWLEDGE_ARTICLES_QUERY,
    variables: { search: search || null, status: status ?? null },
  });
  const [form] = Form.useForm<Values>();
  const edit = useHubMutation(EDIT_ARTICLE);
  const submit = useHubMutation(SUBMIT_ARTICLE);
  const publish = useHubMutation(PUBLISH_ARTICLE);
  const retire = useHubMutation(RETIRE_ARTICLE);

  function open(a: Article) {
    setEditing(a);
    form.setFieldsValue({
      title: a.title,
      question: a.question,
      answer: a.answer,
      change: a.change,
      changedSince: a.changedSince ? dayjs(a.changedSince) : null,
      expiresAt: a.expiresAt ? dayjs(a.expiresAt) : null,
    });
  }
  const done = (a: Article) => {
    setEditing(a);
    refetch({ requestPolicy: 'network-only' });
  };

  async function save() {
    if (!editing) return;
    const v = await form.validateFields();
    const r = await edit.run(
      {
        input: {
          articleId: editing.id,
          expectedVersion: editing.version,
          title: v.title,
          question: v.question,
          answer: v.answer,
          change: v.change,
          changedSince: v.changedSince ? v.changedSince.toISOString() : undefined,
          expiresAt: v.expiresAt ? v.expiresAt.toISOString() : null,
        },
      },
      { form, success: t('knowledge.saved') },
    );
    if (r.ok) done(r.data.editArticle);
  }
  async function step(kind: 'submit' | 'publish') {
    if (!editing) return;
    const input = { articleId: editing.id, expectedVersion: editing.version };
    if (kind === 'submit') {
      const r = await submit.run({ input }, { success: t('knowledge.submitted') });
      if (r.ok) done(r.data.submitArticle);
    } else {
      const r = await publish.run({ input }, { success: t('knowledge.published') });
      if (r.ok) done(r.data.publishArticle);
    }
  }
  function askRetire() {
    if (!editing) return;
    const a = editing;
    setPrompt({
      title: t('knowledge.retire'),
      field: 'reason',
      label: t('knowledge.retireReason'),
      danger: true,
      submit: async (reason, f) => {
        const r = await retire.run(
          { input: { articleId: a.id, expectedVersion: a.version, reason } },
          { form: f, success: t('knowledge.retired') },
        );
        if (r.ok) done(r.data.retireArticle);
        return r;
      },
    });
  }

  const articles = data?.knowledgeArticles ?? [];
  const status0 = editing?.status;
  return (
    <>
      <PageHeader
        title={t('knowledge.title')}
        sub={t('knowledge.sub')}
        extra={
          <Space wrap>
            <Input.Search
              allowClear
              placeholder={t('knowledge.search')}
              aria-label={t('knowledge.search')}
              onSearch={(s) => setSearch(s.trim())}
              style={{ width: 280 }}
            />
            {curator && (
              <Select<ArticleStatus>
                allowClear
                placeholder={t('knowledge.status')}
                aria-label={t('knowledge.status')}
                value={status}
                onChange={setStatus}
                style={{ width: 140 }}
                options={enumValues('ArticleStatus').map((s) => ({
                  value: s,
                  label: <EnumTag enumName="ArticleStatus" value={s} tones={TONES} />,
                }))}
              />
            )}
          </Space>
        }
      />
      {error ? <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      <Table<Article>
        data-testid="knowledge-list"
        rowKey="id"
        size="small"
        loading={fetching}
        dataSource={articles}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('knowledge.empty')} /> }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        expandable={{ expandedRowRender: (a) => <div style={{ whiteSpace: 'pre-wrap' }}>{a.answer}</div> }}
        columns={[
          { title: t('knowledge.titleField'), dataIndex: 'title' },
          { title: t('knowledge.question'), dataIndex: 'question', ellipsis: true },
          {
            title: t('knowledge.status'),
            render: (_, a) => (
              <Space size={4}>
                <EnumTag enumName="ArticleStatus" value={a.status} tones={TONES} />
                {a.live ? <Tag color="green">{t('knowledge.live')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('knowledge.revision'), dataIndex: 'revision', width: 64 },
          { title: t('knowledge.changedSince'), render: (_, a) => formatDate(a.changedSince), width: 110 },
          { title: t('knowledge.expiresAt'), render: (_, a) => formatDate(a.expiresAt), width: 110 },
          { title: t('knowledge.answered'), dataIndex: 'answeredCount', width: 80 },
          ...(curator
            ? [
                {
                  title: '',
                  width: 80,
                  render: (_: unknown, a: Article) =>
                    a.status === 'RETIRED' ? null : (
                      <Button size="small" onClick={() => open(a)}>
                        {t('knowledge.edit')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.title}
        width={720}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        footer={
          <Space wrap>
            {status0 !== 'RETIRED' && (
              <Button danger onClick={askRetire}>
                {t('knowledge.retire')}
              </Button>
            )}
            {status0 === 'DRAFT' && <Button onClick={() => step('submit')}>{t('knowledge.submit')}</Button>}
            {status0 === 'IN_REVIEW' && <Button onClick={() => step('publish')}>{t('knowledge.publish')}</Button>}
            <Button type="primary" onClick={save} loading={edit.fetching} disabled={status0 === 'RETIRED'}>
              {t('knowledge.save')}
            </Button>
          </Space>
        }
      >
        <Form<Values> form={form} layout="vertical" name="article" data-testid="article-form">
          {editing && (
            <Space style={{ marginBottom: 8 }}>
              <EnumTag enumName="ArticleStatus" value={editing.status} tones={TONES} />
              {editing.live ? <Tag color="green">{t('knowledge.live')}</Tag> : null}
            </Space>
          )}
          <Form.Item
            name="title"
            label={t('knowledge.titleField')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="question"
            label={t('knowledge.question')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item
            name="answer"
            label={t('knowledge.answer')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item
            name="change"
            label={t('knowledge.change')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="changedSince" label={t('knowledge.changedSince')}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="expiresAt" label={t('knowledge.expiresAt')}>
              <DatePicker />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
      <TextPromptModal prompt={prompt} onClose={() => setPrompt(null)} />
    </>
  );
}
