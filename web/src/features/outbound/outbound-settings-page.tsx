import { useEffect } from 'react';
import { Button, Card, Checkbox, Form, Input, Select, Table, Tag, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from 'urql';
import { useI18n } from '../../lib/i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { NOTIFICATION_KINDS_SHOWN, STATUS_COLOR } from './outbound-labels.js';
import { OUTBOUND_SETTINGS_QUERY, UPDATE_OUTBOUND_PREFERENCES } from './outbound-settings-page.query.js';
import type { NotificationKind, PersonalChannel } from '../../gql/graphql.js';

interface Values {
  channels: PersonalChannel[];
  kinds: NotificationKind[];
  quiet: [Dayjs, Dayjs] | null;
  email: string;
  wecomUserId: string;
}

/** A person's outbound notifications (外发通知): which kinds reach them by WeCom or e-mail, quiet hours, and their delivery log. */
export function OutboundSettingsPage() {
  const { t, te } = useI18n();
  const [form] = Form.useForm<Values>();
  const [{ data, error }, refetch] = useQuery({ query: OUTBOUND_SETTINGS_QUERY, requestPolicy: 'cache-and-network' });
  const { run, fetching } = useHubMutation(UPDATE_OUTBOUND_PREFERENCES);
  const p = data?.myOutboundPreferences;

  useEffect(() => {
    if (!p) return;
    const q = p.own?.quietHours;
    form.setFieldsValue({
      channels: (p.own?.channels ?? p.effectiveChannels) as PersonalChannel[],
      kinds: (p.own?.kinds ?? []) as NotificationKind[],
      quiet: q ? [dayjs(q.from, 'HH:mm'), dayjs(q.to, 'HH:mm')] : null,
      email: p.email ?? '',
      wecomUserId: p.wecomUserId ?? '',
    });
  }, [p, form]);

  async function submit(v: Values) {
    const input = {
      channels: v.channels,
      kinds: v.kinds.length ? v.kinds : null,
      quietFrom: v.quiet ? v.quiet[0].format('HH:mm') : null,
      quietTo: v.quiet ? v.quiet[1].format('HH:mm') : null,
      email: v.email.trim() || null,
      wecomUserId: v.wecomUserId.trim() || null,
      expectedVersion: p?.own?.version ?? null,
    };
    const r = await run({ input }, { form, success: t('outbound.saved') });
    if (r.ok) refetch({ requestPolicy: 'network-only' });
  }

  return (
    <>
      <PageHeader title={t('outbound.title')} sub={t('outbound.sub')} />
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      <Card size="small" style={{ maxWidth: 640, marginBottom: 12 }}>
        <Form
          name="outbound"
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ channels: [], kinds: [], quiet: null, email: '', wecomUserId: '' }}
        >
          <Form.Item name="channels" label={t('outbound.channels')}>
            <Checkbox.Group
              options={[
                { value: 'WECOM', label: t('outbound.channel.WECOM') },
                { value: 'EMAIL', label: t('outbound.channel.EMAIL') },
              ]}
            />
          </Form.Item>
          <Form.Item name="kinds" label={t('outbound.kinds')} extra={t('outbound.kindsHint')}>
            <Select
              mode="multiple"
              allowClear
              options={NOTIFICATION_KINDS_SHOWN.map((k) => ({ value: k, label: te('NotificationKind', k) }))}
            />
          </Form.Item>
          <Form.Item name="quiet" label={t('outbound.quiet')} extra={t('outbound.quietHint')}>
            <TimePicker.RangePicker format="HH:mm" order={false} allowClear />
          </Form.Item>
          <Form.Item name="email" label={t('outbound.email')} rules={[{ type: 'email', message: t('outbound.emailInvalid') }]}>
            <Input autoComplete="email" />
          </Form.Item>
          <Form.Item name="wecomUserId" label={t('outbound.wecomUserId')} extra={t('outbound.wecomHint')}>
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={fetching}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('outbound.myLog')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={data?.deliveries ?? []}
          columns={[
            { title: t('outbound.col.at'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            {
              title: t('outbound.col.channel'),
              dataIndex: 'channel',
              render: (v: string) => t(`outbound.channel.${v}` as 'outbound.channel.EMAIL'),
            },
            { title: t('outbound.col.kind'), dataIndex: 'kind', render: (v: string) => te('NotificationKind', v as NotificationKind) },
            {
              title: t('outbound.col.status'),
              dataIndex: 'status',
              render: (v: string, r) => (
                <Tag color={STATUS_COLOR[v]} title={r.lastError ?? undefined}>
                  {t(`outbound.status.${v}` as 'outbound.status.PENDING')} {r.attempts > 1 ? `×${r.attempts}` : ''}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
