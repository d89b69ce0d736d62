import { useState } from 'react';
import { Button, Card, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from 'urql';
import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';

import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { EnumSelect } from '../common/enum-select.js';
import { TextPromptModal, type TextPrompt } from '../common/text-prompt-modal.js';
import { UserFormModal, type AdminUser } from './user-form-modal.js';
import { USERS_QUERY, DEACTIVATE, REACTIVATE, RESET_PASSWORD } from './users-page.query.js';

/** Administration of people: create, role, branch, department, deactivate, reset password. */
export function UsersPage() {
  const { t, te } = useI18n();
  const viewer = useViewer();
  const [{ data, error, fetching }, refetch] = useQuery({ query: USERS_QUERY });
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [creating, setCreating] = useState(false);
  const [prompt, setPrompt] = useState<TextPrompt | null>(null);
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<string[]>([]);
  const deactivate = useHubMutation(DEACTIVATE);
  const reactivate = useHubMutation(REACTIVATE);
  const reset = useHubMutation(RESET_PASSWORD);
  const q = search.trim().toLowerCase();
  const users = (data?.users ?? []).filter(
    (u) => (!q || u.username.includes(q) || u.displayName.toLowerCase().includes(q)) && (!role.length || role.includes(u.role)),
  );

  return (
    <>
      <PageHeader
        title={t('admin.users')}
        sub={t('admin.usersSub', { n: data?.users.length ?? 0 })}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('admin.newUser')}
          </Button>
        }
      />
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      <Card size="small">
        <Space style={{ marginBottom: 8 }} wrap>
          <Input.Search
            allowClear
            placeholder={t('admin.searchUsers')}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 240 }}
            aria-label={t('common.search')}
          />
          <EnumSelect
            enumName="Role"

            multiple
            value={role}
            onChange={setRole}
            placeholder={t('admin.role')}
            aria-label={t('admin.role')}
            style={{ width: 220 }}
          />
        </Space>
        <Table<AdminUser>
          size="small"
          rowKey="id"
          loading={fetching && !data}
          dataSource={users}
          pagination={{ pageSize: 20, size: 'small', showSizeChanger: false }}
          data-testid="users-table"
          columns={[
            { title: t('admin.username'), dataIndex: 'username', width: 150 },
            { title: t('admin.displayName'), dataIndex: 'displayName', width: 110 },
            { title: t('admin.role'), width: 110, render: (_, u) => te('Role', u.role) },
            { title: t('admin.branch'), width: 130, render: (_, u) => u.branch?.name ?? '—' },
            { title: t('admin.department'), width: 140, render: (_, u) => u.department?.name ?? '—' },
            {
              title: t('common.status'),
              width: 150,
              render: (_, u) => (
                <Space size={4}>
                  {u.active === false ? (
                    <Tag>{t('admin.inactive')}</Tag>
                  ) : (
                    <Tag style={{ color: '#1b5e20', background: '#e8f5e9', borderColor: '#9ccc9f' }}>{t('admin.active')}</Tag>
                  )}
                  {u.mustChangePassword ? (
                    <Tag style={{ color: '#8a4b00', background: '#fff4e0', borderColor: '#f2c27a' }}>{t('admin.mustChange')}</Tag>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t('common.operations'),
              render: (_, u) => (
                <Space size={4} wrap>
                  <Button size="small" onClick={() => setEditing(u)}>
                    {t('common.edit')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() =>
                      setPrompt({
                        title: t('admin.resetPassword', { name: u.displayName }),
                        field: 'newPassword',
                        label: t('admin.tempPassword'),
                        hint: t('admin.resetHint'),
                        submit: (newPassword, form) =>
                          reset.run({ input: { id: u.id, newPassword } }, { form, success: t('admin.passwordReset') }),
                      })
                    }
                  >
                    {t('admin.reset')}
                  </Button>
                  {u.id !== viewer.id &&
                    (u.active === false ? (
                      <Button size="small" onClick={() => reactivate.run({ input: { id: u.id } }, { success: t('admin.reactivated') })}>
                        {t('admin.reactivate')}
                      </Button>
                    ) : (
                      <Popconfirm
                        title={t('admin.deactivateConfirm', { name: u.displayName })}
                        onConfirm={() => deactivate.run({ input: { id: u.id } }, { success: t('admin.deactivated') })}
                      >
                        <Button size="small" danger>
                          {t('admin.deactivate')}
                        </Button>
                      </Popconfirm>
                    ))}
                </Space>
              ),
            },
          ]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('admin.usersNote')}
        </Typography.Text>
      </Card>
      <UserFormModal user={editing} open={creating || !!editing} onClose={() => (setCreating(false), setEditing(null))} />
      {prompt && <TextPromptModal prompt={prompt} onClose={() => setPrompt(null)} />}
    </>
  );
}
