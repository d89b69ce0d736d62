import { useState } from 'react';
import { Button, Card, Space, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { useReference, type CategoryRef, type DepartmentRef } from '../../lib/reference.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { PageHeader } from '../common/page-header.js';
import { BranchTreePanel } from './branch-tree-panel.js';
import { CodeNameModal, type CodeNameEdit } from './code-name-modal.js';
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
                <>
                  <Button
                    icon={<PlusOutlined />}
                    style={{ marginBottom: 8 }}
                    onClick={() =>
                      setEdit({
                        title: t('org.newDepartment'),
                        submit: (v, form) => createDept.run({ input: { code: v.code, name: v.name } }, { form, ...saved }),
                      })
                    }
                  >
                    {t('org.newDepartment')}
                  </Button>
                  <Table<DepartmentRef>
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={departments}
                    columns={[
                      { title: t('org.code'), dataIndex: 'code', width: 200 },
                      { title: t('org.name'), dataIndex: 'name' },
                      {
                        title: t('common.operations'),
                        width: 120,
                        render: (_, d) => (
                          <Button
                            size="small"
                            onClick={() =>
                              setEdit({
                                title: t('org.edit', { name: d.name }),
                                initial: { code: d.code, name: d.name },
                                submit: (v, form) =>
                                  updateDept.run({ input: { id: d.id, code: v.code, name: v.name } }, { form, ...saved }),
                              })
                            }
                          >
                            {t('common.edit')}
                          </Button>
                        ),
                      },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'categories',
              label: t('org.categories'),
              children: (
                <>
                  <Button
                    icon={<PlusOutlined />}
                    style={{ marginBottom: 8 }}
                    onClick={() =>
                      setEdit({
                        title: t('org.newCategory'),
                        submit: (v, form) => createCat.run({ input: { code: v.code, name: v.name } }, { form, ...saved }),
                      })
                    }
                  >
                    {t('org.newCategory')}
                  </Button>
                  <Table<CategoryRef>
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={categories}
                    columns={[
                      { title: t('org.code'), dataIndex: 'code', width: 160 },
                      { title: t('org.name'), dataIndex: 'name', width: 140 },
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
                      {
                        title: t('common.operations'),
                        width: 200,
                        render: (_, c) => (
                          <Space size={4}>
                            <Button
                              size="small"
                              onClick={() =>
                                setEdit({
                                  title: t('org.edit', { name: c.name }),
                                  initial: { code: c.code, name: c.name },
                                  submit: (v, form) =>
                                    updateCat.run({ input: { id: c.id, code: v.code, name: v.name } }, { form, ...saved }),
                                })
                              }
                            >
                              {t('common.edit')}
                            </Button>
                            <Button
                              size="small"
                              icon={<PlusOutlined />}
                              onClick={() =>
                                setEdit({
                                  title: t('org.newProduct', { name: c.name }),
                                  submit: (v, form) =>
                                    createProduct.run({ input: { categoryId: c.id, code: v.code, name: v.name } }, { form, ...saved }),
                                })
                              }
                            >
                              {t('org.product')}
                            </Button>
                          </Space>
                        ),
                      },
                    ]}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
      <CodeNameModal edit={edit} onClose={() => setEdit(null)} />
    </>
  );
}
