import { useState } from 'react';
import { Button, Form, Input, Modal, Popconfirm, Select, Space } from 'antd';
import { DeleteOutlined, SaveOutlined, ShareAltOutlined } from '@ant-design/icons';
import { useQuery } from 'urql';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import type { Role, ViewList } from '../../gql/graphql.js';
import { BranchPicker } from './branch-picker.js';
import { EnumSelect } from './enum-select.js';
import { ListExportButtons, compactFilter as compact, type ExportFile } from './list-export-buttons.js';
import { VIEWS_QUERY, CREATE_VIEW_MUTATION, UPDATE_VIEW_MUTATION, DELETE_VIEW_MUTATION } from './list-view-bar.query.js';

const FILE: Record<ViewList, ExportFile> = { INBOX: 'inbox', PROBLEMS: 'problems', ACTIONS: 'actions' };

interface ShareDraft {
  mode: 'create' | 'share';
  name?: string;
  role?: Role | null;
  branchId?: string | null;
}

/**
 * A list's saved views and exports, above the list: choose a view (one's own, or shared with one),
 * save the current filters as a view, share or delete one's own, and download the list with its
 * current filters as Excel or CSV (every row, as the list selects them, masked as on screen).
 */
export function ListViewBar({
  list,
  filter,
  onApply,
}: {
  list: ViewList;
  /** The list's current filter, as its query's `filter` variable. */
  filter: Record<string, unknown>;
  /** Applies a saved view's filter to the list. */
  onApply: (filter: Record<string, unknown>) => void;
}) {
  const { t, te } = useI18n();
  const [form] = Form.useForm();
  const [chosen, setChosen] = useState<string | undefined>();
  const [draft, setDraft] = useState<ShareDraft | null>(null);
  const [{ data }, refetch] = useQuery({ query: VIEWS_QUERY, variables: { list }, requestPolicy: 'cache-and-network' });
  const create = useHubMutation(CREATE_VIEW_MUTATION);
  const update = useHubMutation(UPDATE_VIEW_MUTATION);
  const remove = useHubMutation(DELETE_VIEW_MUTATION);
  const views = data?.views ?? [];
  const current = views.find((v) => v.id === chosen);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  function choose(id: string) {
    setChosen(id);
    const v = views.find((x) => x.id === id);
    if (v) onApply(JSON.parse(v.filter) as Record<string, unknown>);
  }

  async function submit() {
    const values = (await form.validateFields()) as { name?: string; role?: Role | null; branchId?: string | null };
    const share = { role: values.role ?? null, branchId: values.branchId ?? null };
    if (draft?.mode === 'share' && current) {
      const r = await update.run(
        { input: { viewId: current.id, expectedVersion: current.version, share } },
        { form, success: t('views.shared') },
      );
      if (!r.ok) return;
    } else {
      const r = await create.run(
        { input: { list, name: values.name ?? '', filter: JSON.stringify(compact(filter)), share } },
        { form, success: t('views.saved') },
      );
      if (!r.ok) return;
      setChosen(r.data.createView.id);
    }
    setDraft(null);
    reload();
  }

  async function deleteCurrent() {
    if (!current) return;
    const r = await remove.run({ input: { viewId: current.id, expectedVersion: current.version } }, { success: t('views.deleted') });
    if (r.ok) {
      setChosen(undefined);
      reload();
    }
  }

  const sharedWith = (v: (typeof views)[number]) =>
    [v.sharedRole ? te('Role', v.sharedRole) : null, v.sharedBranch?.name ?? null].filter(Boolean).join(' · ');

  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid={`list-view-bar-${FILE[list]}`}>
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        style={{ minWidth: 220 }}
        placeholder={t('views.choose')}
        aria-label={t('views.choose')}
        value={chosen}
        // onSelect, not onChange: choosing the view already shown applies it again (after the filters were changed).
        onSelect={(id: string) => choose(id)}
        onClear={() => setChosen(undefined)}
        options={[
          { label: t('views.mine'), options: views.filter((v) => v.mine).map((v) => ({ value: v.id, label: v.name })) },
          {
            label: t('views.sharedWithMe'),
            options: views
              .filter((v) => !v.mine)
              .map((v) => ({
                value: v.id,
                label: `${v.name}（${v.owner?.displayName ?? ''}${sharedWith(v) ? ` · ${sharedWith(v)}` : ''}）`,
              })),
          },
        ].filter((g) => g.options.length)}
        data-testid="view-picker"
      />
      <Button
        icon={<SaveOutlined />}
        onClick={() => {
          form.resetFields();
          setDraft({ mode: 'create' });
        }}
        data-testid="view-save"
      >
        {t('views.saveAs')}
      </Button>
      {current?.mine && (
        <>
          <Button
            icon={<ShareAltOutlined />}
            onClick={() => {
              form.setFieldsValue({ role: current.sharedRole ?? undefined, branchId: current.sharedBranch?.id ?? undefined });
              setDraft({ mode: 'share' });
            }}
            data-testid="view-share"
          >
            {t('views.share')}
          </Button>
          <Popconfirm
            title={t('views.deleteConfirm', { name: current.name })}
            onConfirm={() => void deleteCurrent()}
            okText={t('views.delete')}
          >
            <Button icon={<DeleteOutlined />} danger data-testid="view-delete">
              {t('views.delete')}
            </Button>
          </Popconfirm>
        </>
      )}
      <ListExportButtons file={FILE[list]} filter={filter} />
      <Modal
        open={!!draft}
        title={t(draft?.mode === 'share' ? 'views.shareTitle' : 'views.saveTitle')}
        okText={t(draft?.mode === 'share' ? 'views.share' : 'views.saveOk')}
        onOk={() => void submit()}
        onCancel={() => setDraft(null)}
        confirmLoading={create.fetching || update.fetching}
        destroyOnHidden
        forceRender
      >
        <Form name="saved-view" form={form} layout="vertical" onFinish={() => void submit()}>
          {draft?.mode !== 'share' && (
            <Form.Item name="name" label={t('views.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
              <Input maxLength={60} autoFocus />
            </Form.Item>
          )}
          <Form.Item name="role" label={t('views.shareRole')} extra={t('views.shareHint')}>
            <EnumSelect enumName="Role" allowClear placeholder={t('views.nobody')} aria-label={t('views.shareRole')} />
          </Form.Item>
          <Form.Item name="branchId" label={t('views.shareBranch')}>
            <BranchPicker allowClear placeholder={t('views.nobody')} aria-label={t('views.shareBranch')} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
