import { Suspense, useState } from 'react';
import { Button } from 'antd';
import { KeyOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { useNarrow } from '../../lib/use-narrow.js';
import { useSession, useViewer } from '../../lib/session.js';
import { NAV_BY_ROLE } from './nav-items.js';
import { ConnectionIndicator } from './connection-indicator.js';
import { NotificationBell } from './notification-bell.js';

/**
 * The frame every signed-in page sits in: the role's menu (real links: Ctrl+click opens a tab),
 * the live indicator, the notifications, language, the user. Plain markup keeps the first bundle small.
 */
export function AppShell() {
  const { t, te, lang, setLang } = useI18n();
  const viewer = useViewer();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(() => window.innerWidth < 1100);
  // On a phone the menu is an overlay over the page: a choice in it, or a tap beside it, closes it.
  const narrow = useNarrow();
  const closeOnPhone = () => {
    if (narrow) setCollapsed(true);
  };
  return (
    <div className={`hub-shell${collapsed ? ' is-collapsed' : ''}`}>
      <aside className="hub-sider">
        <div className="hub-logo">
          <span className="hub-logo-mark" aria-hidden>
            声
          </span>
          <span className="hub-logo-text">{t('app.name')}</span>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul className="hub-nav">
            {NAV_BY_ROLE[viewer.role].map((item) => (
              <li key={item.path}>
                <NavLink to={item.path} title={collapsed ? t(item.label) : undefined} onClick={closeOnPhone}>
                  <span className="hub-nav-icon" aria-hidden>
                    {item.icon}
                  </span>
                  <span className="hub-nav-label">{t(item.label)}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      {narrow && !collapsed && <div className="hub-sider-backdrop" aria-hidden onClick={() => setCollapsed(true)} />}
      <div className="hub-main">
        <header className="hub-header">
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!collapsed)}
            aria-label={t(collapsed ? 'nav.expand' : 'nav.collapse')}
            aria-expanded={!collapsed}
          />
          <div className="hub-header-right">
            <ConnectionIndicator />
            <NotificationBell />
            <Button type="text" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} title={t('lang.switch')} data-testid="lang-switch">
              {lang === 'zh' ? (
                <span lang="en" aria-label="EN English">
                  EN
                </span>
              ) : (
                <span lang="zh-CN" aria-label="中文 Chinese">
                  中文
                </span>
              )}
            </Button>
            <span className="hub-user" data-testid="user-name">
              {viewer.displayName}
              <span className="hub-muted"> · {te('Role', viewer.role)}</span>
            </span>
            <Button
              type="text"
              icon={<KeyOutlined />}
              onClick={() => navigate('/account/password')}
              aria-label={t('account.changePassword')}
              title={t('account.changePassword')}
            />
            <Button
              type="text"
              icon={<LogoutOutlined />}
              onClick={() => signOut('manual')}
              data-testid="sign-out"
              aria-label={t('account.signOut')}
            >
              <span className="hub-sign-out-label">{t('account.signOut')}</span>
            </Button>
          </div>
        </header>
        <main className="hub-content">
          <Suspense fallback={<div className="hub-loading" role="status" aria-label={t('common.loading')} />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
