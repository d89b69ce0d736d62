import { useEffect } from 'react';
import { Form, Input, Modal } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import type { Role } from '../../lib/types.js';
import type { UserFormModalUserFragment } from '../../gql/graphql.js';
import { BranchPicker } from '../common/branch-picker.js';
import { DepartmentPicker } from '../common/department-picker.js';
import { EnumSelect } from '../common/enum-select.js';
import { CREATE_USER, UPDATE_USER } from './user-form-modal.query.js';

export type AdminUser = UserFormModalUserFragment;

interface Values {
  username: string;
  displayName: string;
  role: Role;
  password?: string;
  branchId?: string;
  departmentId?: string;
}

/** Creates a user (with an initial password to change) or edits name, role, branch, department. */
export function UserFormModal({ user, open, onClose }: { user: AdminUser | null; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const create = useHubMutation(CREATE_USER);
  const update = useHubMutation(UPDATE_USER);
  const role = Form.useWatch('role', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user)
      form.setFieldsValue({
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        branchId: user.branch?.id,
        departmentId: user.department?.id,
      });
  }, [open, user, form]);

  async function ok() {
    const v = await form.validateFields();
    const scoped = { branchId: v.branchId || undefined, departmentId: role === 'EXPERT' ? v.departmentId : undefined };
    const r = user
      ? await update.run(
          { input: { id: user.id, displayName: v.displayName, role: v.role, ...scoped } },
          { form, success: t('admin.saved') },
        )
      : await create.run(
          { input: { username: v.username.trim(), displayName: v.displayName, role: v.role, password: v.password!, ...scoped } },
          { form, success: t('admin.userCreated') },
        );
    if (r.ok) onClose();
  }

  return (
    <Modal
      open={open}
      title={t(user ? 'admin.editUser' : 'admin.newUser')}
      onOk={ok}
      onCancel={onClose}
      confirmLoading={create.fetching || update.fetching}
      forceRender
    >
      <Form name="user" form={form} layout="vertical" initialValues={{ role: 'AGENT' }}>
        <Form.Item
          name="username"
          label={t('admin.username')}
          rules={[{ required: true, message: t('form.required') }]}
          extra={user ? undefined : t('admin.usernameHint')}
        >
          <Input disabled={!!user} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('admin.displayName')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('admin.role')} rules={[{ required: true, message: t('form.required') }]}>
          <EnumSelect enumName="Role" />
        </Form.Item>
        <Form.Item
          name="branchId"
          label={t('admin.branch')}
          rules={[{ required: role === 'BRANCH_MANAGER', message: t('form.required') }]}
          extra={role === 'BRANCH_MANAGER' ? t('admin.branchHint') : undefined}
        >
          <BranchPicker allowClear style={{ width: '100%' }} />
        </Form.Item>
        {role === 'EXPERT' && (
          <Form.Item name="departmentId" label={t('admin.department')} rules={[{ required: true, message: t('form.required') }]}>
            <DepartmentPicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        {!user && (
          <Form.Item
            name="password"
            label={t('admin.initialPassword')}
            rules={[{ required: true, message: t('form.required') }]}
            extra={t('password.rule')}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
