import { Alert, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { useSession } from '../../lib/session.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { CHANGE_PASSWORD_MUTATION } from './change-password-page.query.js';

/** Changing one's own password; required first after an administrator reset it. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const { viewer, signIn, signOut } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const { run, fetching } = useHubMutation(CHANGE_PASSWORD_MUTATION);
  const forced = !!viewer?.mustChangePassword;

  async function submit(values: { currentPassword: string; newPassword: string }) {
    const input = { currentPassword: values.currentPassword, newPassword: values.newPassword };
    const r = await run({ input }, { form, success: t('password.changed') });
    if (r.ok) {
      signIn(r.data.changePassword.token, r.data.changePassword.user);
      if (!forced) navigate('/');
    }
  }

  const body = (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('account.changePassword')}</h1>}
      style={{ maxWidth: 440, margin: forced ? '12vh auto' : 0 }}
    >
      {forced && <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} />}
      <Form name="password" form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.rule')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('form.required') },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>
          {t('common.save')}
        </Button>
        {forced && (
          <Button type="link" onClick={() => signOut('manual')}>
            {t('account.signOut')}
          </Button>
        )}
      </Form>
    </Card>
  );
  return forced ? <main>{body}</main> : body;
}
