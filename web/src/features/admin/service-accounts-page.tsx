import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from 'urql';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { formatDateTime } from '../../lib/format.js';
import type { ServiceAccountsPageListQuery, ServiceScope } from '../../gql/graphql.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { SERVICE_ACCOUNTS_QUERY, CREATE_SERVICE_ACCOUNT, REVOKE_SERVICE_ACCOUNT } from './service-accounts-page.query.js';

type Account = ServiceAccountsPageListQuery['serviceAccounts'][number];
const SCOPES: ServiceScope[] = ['RECORD_FEEDBACK', 'RECORD_CONTACTS', 'IMPORT', 'READ_REPORTS'];

interface Values {
  name: string;
  description?: string;
  scopes: ServiceScope[];
}

/**
 * Integrations' service accounts (issue 19): create one with scopes and copy its token from the
 * dialog that shows it this once; revoke one. The list shows only the token's first characters.
 */
export function ServiceAccountsPage() {
  const { t, te } = useI18n();
  const [{ data, error, fetching }, refetch] = useQuery({ query: SERVICE_ACCOUNTS_QUERY });
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ name: string; token: string } | null>(null);
  const [form] = Form.useForm<Values>();
  const create = useHubMutation(CREATE_SERVICE_ACCOUNT);
  const revoke = useHubMutation(REVOKE_SERVICE_ACCOUNT);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const submit = async (values: Values) => {
    const result = await create.run(
      { input: { name: values.name, description: values.description || null, scopes: values.scopes } },
      { form, success: t('sva.created') },
    );
    if (!result.ok) return;
    setCreating(false);
    form.resetFields();
    setShown({ name: result.data.createServiceAccount.serviceAccount.name, token: result.data.createServiceAccount.token });
    reload();
  };

  return (
    <>
      <PageHeader
        title={t('sva.title')}
        sub={t('sva.sub', { n: data?.serviceAccounts.length ?? 0 })}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('sva.new')}
          </Button>
        }
      />
      {error && <QueryError error={error} retry={reload} />}
      <Card size="small">
        <Table<Account>
          size="small"
          rowKey="id"
          loading={fetching && !data}
          dataSource={data?.serviceAccounts ?? []}
          pagination={{ pageSize: 20, size: 'small', showSizeChanger: false }}
          data-testid="service-accounts-table"
          columns={[
            { title: t('sva.name'), dataIndex: 'name', width: 150 },
            { title: t('sva.description'), width: 160, render: (_, a) => a.description ?? '—' },
            {
              title: t('sva.scopes'),
              width: 220,
              render: (_, a) => (
                <Space size={4} wrap>
                  {a.scopes.map((s) => (
                    <Tag key={s}>{te('ServiceScope', s)}</Tag>
                  ))}
                </Space>
              ),
            },
            { title: t('sva.tokenHint'), width: 110, render: (_, a) => <Typography.Text code>{a.tokenHint}</Typography.Text> },
            { title: t('sva.createdAt'), width: 140, render: (_, a) => formatDateTime(a.createdAt) },
            { title: t('sva.lastUsedAt'), width: 140, render: (_, a) => (a.lastUsedAt ? formatDateTime(a.lastUsedAt) : t('sva.never')) },
            {
              title: t('common.status'),
              width: 90,
              render: (_, a) =>
                a.revokedAt ? (
                  <Tag>{t('sva.revoked')}</Tag>
                ) : (
                  <Tag style={{ color: '#1b5e20', background: '#e8f5e9', borderColor: '#9ccc9f' }}>{t('sva.active')}</Tag>
                ),
            },
            {
              title: t('common.operations'),
              render: (_, a) =>
                a.revokedAt ? null : (
                  <Popconfirm
                    title={t('sva.revokeConfirm', { name: a.name })}
                    onConfirm={async () => {
                      const r = await revoke.run({ input: { id: a.id } }, { success: t('sva.revokedDone') });
                      if (r.ok) reload();
                    }}
                  >
                    <Button size="small" danger>
                      {t('sva.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sva.note')}
        </Typography.Text>
      </Card>
      <Modal
        open={creating}
        title={t('sva.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.fetching}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ scopes: [] }}>
          <Form.Item name="name" label={t('sva.name')} extra={t('sva.nameHint')} rules={[{ required: true, message: t('sva.nameHint') }]}>
            <Input maxLength={48} autoComplete="off" />
          </Form.Item>
          <Form.Item name="description" label={t('sva.description')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="scopes" label={t('sva.scopes')} rules={[{ required: true, type: 'array', min: 1, message: t('sva.scopes') }]}>
            <Checkbox.Group options={SCOPES.map((s) => ({ value: s, label: te('ServiceScope', s) }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!shown}
        title={t('sva.tokenTitle')}
        onCancel={() => setShown(null)}
        footer={
          <Button type="primary" onClick={() => setShown(null)}>
            {t('common.confirm')}
          </Button>
        }
      >
        <Alert type="warning" showIcon message={t('sva.tokenOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: shown?.token ?? '' }} code data-testid="service-account-token">
          {shown?.token}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
