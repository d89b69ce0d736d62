import { useEffect, useState } from 'react';

// A minimal page until the web app lands: sign in and see where the loop stands.
const STATUS_LABELS: Record<string, string> = {
  OPEN: '待初诊',
  DIAGNOSED: '已初诊',
  IN_CONSULTATION: '会诊中',
  REMEDIATING: '整改中',
  VERIFYING: '验证中',
  RESOLVED: '已解决',
  MERGED: '已合并',
  DISMISSED: '已驳回',
};

async function gql<T>(query: string, variables: Record<string, unknown>, token: string | null): Promise<T> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors[0]!.message);
  return body.data as T;
}

interface Overview {
  me: { displayName: string; role: string };
  dashboard: { problemsByStatus: { status: string; count: number }[]; openActions: number; overdueActions: number };
}

export function App() {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem('hub.token'));
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!token) return;
    gql<Overview>('{ me { displayName role } dashboard { problemsByStatus { status count } openActions overdueActions } }', {}, token)
      .then(setOverview)
      .catch((e: Error) => {
        setError(e.message);
        sessionStorage.removeItem('hub.token');
        setToken(null);
      });
  }, [token]);

  async function signIn(form: FormData) {
    try {
      const data = await gql<{ login: { token: string } }>(
        'mutation($i: LoginInput!) { login(input: $i) { token } }',
        { i: { username: form.get('username'), password: form.get('password') } },
        null,
      );
      sessionStorage.setItem('hub.token', data.login.token);
      setError(null);
      setToken(data.login.token);
    } catch {
      setError('用户名或密码错误');
    }
  }

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '40px auto', padding: 16 }}>
      <h1>客户之声联动平台</h1>
      {!token || !overview ? (
        <form action={signIn} style={{ display: 'grid', gap: 8, maxWidth: 280 }}>
          <label>
            用户名 <input name="username" autoComplete="username" required />
          </label>
          <label>
            密码 <input name="password" type="password" autoComplete="current-password" required />
          </label>
          <button type="submit">登录</button>
          {error && <p role="alert">{error}</p>}
        </form>
      ) : (
        <section>
          <p>
            {overview.me.displayName}（{overview.me.role}）
          </p>
          <ul>
            {overview.dashboard.problemsByStatus.map((s) => (
              <li key={s.status}>
                {STATUS_LABELS[s.status] ?? s.status}：{s.count}
              </li>
            ))}
          </ul>
          <p>
            待办整改：{overview.dashboard.openActions}，逾期：{overview.dashboard.overdueActions}
          </p>
        </section>
      )}
    </main>
  );
}
