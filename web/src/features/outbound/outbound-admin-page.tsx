import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Radio, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from 'urql';
import { useI18n } from '../../lib/i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { STATUS_COLOR } from './outbound-labels.js';
import { OUTBOUND_ADMIN_QUERY, REGISTER_ENDPOINT, REPLAY_DELIVERY, UPDATE_ENDPOINT } from './outbound-admin-page.query.js';
import type { DeliveryStatus, EndpointFormat, HubEventType } from '../../gql/graphql.js';

const EVENT_TYPES: HubEventType[] = [
  'PROBLEM_OPENED',
  'PROBLEM_RESOLVED',
  'PROBLEM_REOPENED',
  'ACTION_ASSIGNED',
  'ACTION_OVERDUE',
  'ACTION_ESCALATED',
  'STAGE_OVERDUE',
  'COMPLAINT_REGISTERED',
  'COMPLAINT_OVERDUE',
  'COMPLAINT_ESCALATED',
  'FEEDBACK_CLUSTER_GREW',
  'REPORT_PUBLISHED',
];

interface NewEndpoint {
  name: string;
  url: string;
  format: EndpointFormat;
  secret?: string;
  eventTypes: HubEventType[];
}

/** The admin's outbound page (外发与 Webhook): endpoints, the delivery log by endpoint or status, replay of parked deliveries. */
export function OutboundAdminPage() {
  const { t, te } = useI18n();
  const [endpointId, setEndpointId] = useState<string | null>(null);
  const [status, setStatus] = useState<DeliveryStatus | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<NewEndpoint>();
  const [{ data, error }, refetch] = useQuery({
    query: OUTBOUND_ADMIN_QUERY,
    variables: { filter: { endpointId, status } },
    requestPolicy: 'cache-and-network',
  });
  const register = useHubMutation(REGISTER_ENDPOINT);
  const update = useHubMutation(UPDATE_ENDPOINT);
  const replay = useHubMutation(REPLAY_DELIVERY);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  async function submit(v: NewEndpoint) {
    const r = await register.run({ input: { ...v, secret: v.secret || null } }, { form, success: t('outbound.admin.registered') });
    if (r.ok) {
      setCreating(false);
      form.resetFields();
      reload();
    }
  }

  return (
    <>
      <PageHeader
        title={t('outbound.admin.title')}
        sub={t('outbound.admin.sub')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('outbound.admin.new')}
          </Button>
        }
      />
      {error && <QueryError error={error} retry={reload} />}
      <Card size="small" title={t('outbound.admin.endpoints')} style={{ marginBottom: 12 }}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={data?.webhookEndpoints ?? []}
          columns={[
            { title: t('outbound.admin.name'), dataIndex: 'name' },
            { title: 'URL', dataIndex: 'url', ellipsis: true },
            {
              title: t('outbound.admin.format'),
              dataIndex: 'format',
              render: (v: string) => t(`outbound.format.${v}` as 'outbound.format.SIGNED_JSON'),
            },
            {
              title: t('outbound.admin.events'),
              dataIndex: 'eventTypes',
              render: (v: HubEventType[]) => v.map((e) => <Tag key={e}>{te('HubEventType', e)}</Tag>),
            },
            {
              title: t('outbound.admin.active'),
              dataIndex: 'active',
              render: (v: boolean, r) => (
                <Switch
                  checked={v}
                  size="small"
                  aria-label={t('outbound.admin.active')}
                  onChange={async (active) => {
                    const x = await update.run({ input: { endpointId: r.id, expectedVersion: r.version, active } });
                    if (x.ok) reload();
                  }}
                />
              ),
            },
            {
              title: '',
              render: (_: unknown, r) => (
                <Button
                  size="small"
                  type={endpointId === r.id ? 'primary' : 'default'}
                  onClick={() => setEndpointId(endpointId === r.id ? null : r.id)}
                >
                  {t('outbound.admin.log')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('outbound.admin.deliveries')}
        extra={
          <Radio.Group size="small" value={status ?? ''} onChange={(e) => setStatus((e.target.value as DeliveryStatus) || null)}>
            <Radio.Button value="">{t('outbound.admin.all')}</Radio.Button>
            {(['PENDING', 'DELIVERED', 'FAILED'] as const).map((s) => (
              <Radio.Button key={s} value={s}>
                {t(`outbound.status.${s}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        }
      >
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={data?.deliveries ?? []}
          columns={[
            { title: t('outbound.col.at'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            { title: 'ID', dataIndex: 'id' },
            {
              title: t('outbound.col.channel'),
              dataIndex: 'channel',
              render: (v: string) => t(`outbound.channel.${v}` as 'outbound.channel.EMAIL'),
            },
            { title: t('outbound.col.kind'), dataIndex: 'kind' },
            {
              title: t('outbound.col.status'),
              dataIndex: 'status',
              render: (v: string, r) => (
                <Space>
                  <Tag color={STATUS_COLOR[v]}>
                    {t(`outbound.status.${v}` as 'outbound.status.PENDING')} ×{r.attempts}
                  </Tag>
                  {r.lastError && <span className="hub-muted">{r.lastError}</span>}
                </Space>
              ),
            },
            {
              title: '',
              render: (_: unknown, r) =>
                r.status === 'FAILED' ? (
                  <Button
                    size="small"
                    onClick={async () => {
                      const x = await replay.run({ input: { deliveryId: r.id } }, { success: t('outbound.admin.replayed') });
                      if (x.ok) reload();
                    }}
                  >
                    {t('outbound.admin.replay')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={creating}
        title={t('outbound.admin.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={register.fetching}
      >
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ format: 'SIGNED_JSON', eventTypes: [] }}>
          <Form.Item name="name" label={t('outbound.admin.name')} rules={[{ required: true, message: t('form.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="url" label="URL" rules={[{ required: true, message: t('form.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="format" label={t('outbound.admin.format')}>
            <Radio.Group>
              <Radio value="SIGNED_JSON">{t('outbound.format.SIGNED_JSON')}</Radio>
              <Radio value="WECOM_ROBOT">{t('outbound.format.WECOM_ROBOT')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="secret" label={t('outbound.admin.secret')} extra={t('outbound.admin.secretHint')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="eventTypes" label={t('outbound.admin.events')} rules={[{ required: true, message: t('form.required') }]}>
            <Select mode="multiple" options={EVENT_TYPES.map((e) => ({ value: e, label: te('HubEventType', e) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
