import { Button, DatePicker, Form, Input, Segmented, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { keepEnterInField } from '../common/keep-enter.js';
import { useI18n } from '../../lib/i18n.js';
import { BranchPicker } from '../common/branch-picker.js';
import { DepartmentPicker } from '../common/department-picker.js';

export interface ActionDraft {
  owner: 'branch' | 'department';
  branchId?: string;
  departmentId?: string;
  title: string;
  description: string;
  dueAt: Dayjs;
}

/** A linkage table row as the API takes it (exactly one of branch and department). */
export function toActionInput(d: ActionDraft) {
  return {
    branchId: d.owner === 'branch' ? d.branchId : undefined,
    departmentId: d.owner === 'department' ? d.departmentId : undefined,
    title: d.title,
    description: d.description,
    dueAt: d.dueAt.endOf('day').toISOString(),
  };
}

export function emptyAction(owner: ActionDraft['owner'] = 'branch', id?: string): Partial<ActionDraft> {
  return {
    owner,
    branchId: owner === 'branch' ? id : undefined,
    departmentId: owner === 'department' ? id : undefined,
    dueAt: dayjs().add(14, 'day'),
  };
}

/**
 * The head-office/branch linkage table (总、分行联动服务表) as a form list: one row per branch
 * or department, with what to do and by when. Lives inside a Form; `name` is the list's field.
 */
export function LinkageTableEditor({ name = 'actions' }: { name?: string }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  return (
    <Form.List
      name={name}
      rules={[{ validator: async (_, rows) => (rows?.length ? undefined : Promise.reject(new Error(t('linkage.needOne')))) }]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            bordered
            data-testid="linkage-editor"
            locale={{ emptyText: t('linkage.empty') }}
            columns={[
              {
                title: t('linkage.owner'),
                width: 290,
                render: (_, field) => (
                  <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                    <Form.Item name={[field.name, 'owner']} noStyle>
                      <Segmented
                        size="small"
                        options={[
                          { value: 'branch', label: t('linkage.branch') },
                          { value: 'department', label: t('linkage.department') },
                        ]}
                        aria-label={t('linkage.ownerType')}
                      />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() =>
                        form.getFieldValue([name, field.name, 'owner']) === 'department' ? (
                          <Form.Item
                            name={[field.name, 'departmentId']}
                            rules={[{ required: true, message: t('form.required') }]}
                            style={{ marginBottom: 0 }}
                          >
                            <DepartmentPicker style={{ width: '100%' }} aria-label={t('linkage.department')} />
                          </Form.Item>
                        ) : (
                          <Form.Item
                            name={[field.name, 'branchId']}
                            rules={[{ required: true, message: t('form.required') }]}
                            style={{ marginBottom: 0 }}
                          >
                            <BranchPicker style={{ width: '100%' }} aria-label={t('linkage.branch')} />
                          </Form.Item>
                        )
                      }
                    </Form.Item>
                  </Space>
                ),
              },
              {
                title: t('linkage.task'),
                render: (_, field) => (
                  <>
                    <Form.Item
                      name={[field.name, 'title']}
                      rules={[{ required: true, whitespace: true, message: t('form.required') }]}
                      style={{ marginBottom: 4 }}
                    >
                      <Input placeholder={t('linkage.titleHint')} aria-label={t('action.title')} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'description']}
                      rules={[{ required: true, whitespace: true, message: t('form.required') }]}
                      style={{ marginBottom: 0 }}
                    >
                      <Input.TextArea rows={2} placeholder={t('linkage.descriptionHint')} aria-label={t('action.description')} />
                    </Form.Item>
                  </>
                ),
              },
              {
                title: t('action.dueAt'),
                width: 150,
                render: (_, field) => (
                  <Form.Item
                    name={[field.name, 'dueAt']}
                    rules={[{ required: true, message: t('form.required') }]}
                    style={{ marginBottom: 0 }}
                  >
                    <DatePicker
                      disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
                      aria-label={t('action.dueAt')}
                      onKeyDown={keepEnterInField}
                    />
                  </Form.Item>
                ),
              },
              {
                title: '',
                width: 48,
                render: (_, field) => (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('linkage.removeRow')}
                  />
                ),
              },
            ]}
          />
          <Space style={{ marginTop: 8 }}>
            <Button icon={<PlusOutlined />} onClick={() => add(emptyAction('branch'))}>
              {t('linkage.addBranch')}
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => add(emptyAction('department'))}>
              {t('linkage.addDepartment')}
            </Button>
          </Space>
          <Typography.Text type="danger">
            <Form.ErrorList errors={errors} />
          </Typography.Text>
        </>
      )}
    </Form.List>
  );
}
