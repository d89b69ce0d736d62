import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from 'urql';
import { describeError } from '../../lib/errors.js';
import { useI18n } from '../../lib/i18n.js';
import { useSession } from '../../lib/session.js';
import type { Lang } from '../../lib/translate.js';
import { LOGIN_MUTATION } from './login-page.query.js';

/** Sign-in: user name and password, nothing else. */
export function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const { signIn, signOutReason } = useSession();
  const [{ fetching }, login] = useMutation(LOGIN_MUTATION);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: { username: string; password: string }) {
    setError(null);
    const r = await login({ input: { username: values.username.trim(), password: values.password } });
    if (r.data?.login) return signIn(r.data.login.token, r.data.login.user);
    const e = r.error ? describeError(r.error, t) : null;
    setError(e?.code === 'UNAUTHENTICATED' ? t('login.failed') : (e?.message ?? t('error.UNKNOWN')));
  }

  return (
    <main className="hub-login">
      <Card style={{ width: 380, boxShadow: '0 12px 40px rgba(0,0,0,0.25)' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span className="hub-logo-mark" aria-hidden>
            声
          </span>
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={setLang}
            options={[
              { value: 'zh', label: '中文' },
              { value: 'en', label: 'EN' },
            ]}
            aria-label={t('lang.switch')}
          />
        </div>
        <h1 style={{ fontSize: 22, margin: '16px 0 4px' }}>{t('app.name')}</h1>
        <Typography.Paragraph type="secondary">{t('login.tagline')}</Typography.Paragraph>
        {signOutReason === 'expired' && <Alert type="warning" showIcon title={t('login.expired')} style={{ marginBottom: 12 }} />}
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
        <Form name="login" layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.username.required') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.password.required') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={fetching}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
