import { useState } from 'react';
import { Button, Card, Space, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { useReference, type CategoryRef, type DepartmentRef } from '../../lib/reference.js';
import { useHubMutation, type RunOptions, type RunResult } from '../../lib/use-hub-mutation.js';
import { PageHeader } from '../common/page-header.js';
import { BranchTreePanel } from './branch-tree-panel.js';
import { CodeNameModal, type CodeNameEdit } from './code-name-modal.js';
import { CodeNameList } from './code-name-list.js';
import { CREATE_CATEGORY, CREATE_DEPARTMENT, CREATE_PRODUCT, UPDATE_CATEGORY, UPDATE_DEPARTMENT } from './org-page.query.js';

/** The organisation: the branch tree, head-office departments, business categories and their products. */
export function OrgPage() {
  const { t } = useI18n();
  const { departments, categories } = useReference();
  const [edit, setEdit] = useState<CodeNameEdit | null>(null);
  const createDept = useHubMutation(CREATE_DEPARTMENT);
  const updateDept = useHubMutation(UPDATE_DEPARTMENT);
  const createCat = useHubMutation(CREATE_CATEGORY);
  const updateCat = useHubMutation(UPDATE_CATEGORY);
  const createProduct = useHubMutation(CREATE_PRODUCT);
  const saved = { success: t('admin.saved') };
  type Save = (input: { code: string; name: string }, options: RunOptions) => Promise<RunResult<unknown>>;
  const add = (title: string, save: Save) =>
    setEdit({ title, submit: (v, form) => save({ code: v.code, name: v.name }, { form, ...saved }) });
  const change = (
    row: { id: string; code: string; name: string },
    save: (input: { id: string; code: string; name: string }, options: RunOptions) => Promise<RunResult<unknown>>,
  ) =>
    setEdit({
      title: t('org.edit', { name: row.name }),
      initial: { code: row.code, name: row.name },
      submit: (v, form) => save({ id: row.id, code: v.code, name: v.name }, { form, ...saved }),
    });

  return (
    <>
      <PageHeader title={t('org.title')} sub={t('org.sub')} />
      <Card size="small">
        <Tabs
          items={[
            { key: 'branches', label: t('org.branches'), children: <BranchTreePanel /> },
            {
              key: 'departments',
              label: t('org.departments'),
              children: (
                <CodeNameList<DepartmentRef>
                  rows={departments}
                  widths={{ code: 200, operations: 120 }}
                  addLabel={t('org.newDepartment')}
                  onAdd={() => add(t('org.newDepartment'), (input, o) => createDept.run({ input }, o))}
                  onEdit={(d) => change(d, (input, o) => updateDept.run({ input }, o))}
                />
              ),
            },
            {
              key: 'categories',
              label: t('org.categories'),
              children: (
                <CodeNameList<CategoryRef>
                  rows={categories}
                  widths={{ code: 160, name: 140, operations: 200 }}
                  addLabel={t('org.newCategory')}
                  onAdd={() => add(t('org.newCategory'), (input, o) => createCat.run({ input }, o))}
                  onEdit={(c) => change(c, (input, o) => updateCat.run({ input }, o))}
                  columns={[
                    {
                      title: t('org.products'),
                      render: (_, c) => (
                        <Space size={[4, 4]} wrap>
                          {c.products.map((p) => (
                            <Tag key={p.id}>{p.name}</Tag>
                          ))}
                        </Space>
                      ),
                    },
                  ]}
                  more={(c) => (
                    <Button
                      size="small"
                      icon={<PlusOutlined />}
                      onClick={() =>
                        add(t('org.newProduct', { name: c.name }), (input, o) =>
                          createProduct.run({ input: { categoryId: c.id, ...input } }, o),
                        )
                      }
                    >
                      {t('org.product')}
                    </Button>
                  )}
                />
              ),
            },
          ]}
        />
      </Card>
      <CodeNameModal edit={edit} onClose={() => setEdit(null)} />
    </>
  );
}
