import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import { BrowserRouter, Route, Routes } from 'react-router';
import { I18nProvider, useI18n } from './lib/i18n.js';
import { SessionProvider, useSession } from './lib/session.js';
import { hubTheme } from './lib/theme.js';
import { AppShell } from './features/shell/app-shell.js';
import { HomeRedirect } from './features/shell/home-redirect.js';

/** Route-level code splitting: each page is its own chunk, loaded when first visited. */
function page(load: () => Promise<Record<string, unknown>>, name: string) {
  const Component = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return <Component />;
}

const routes: { path: string; element: ReactNode }[] = [
  { path: 'dashboard', element: page(() => import('./features/dashboard/dashboard-page.js'), 'DashboardPage') },
  { path: 'feedback/new', element: page(() => import('./features/feedback/record-feedback-page.js'), 'RecordFeedbackPage') },
  { path: 'inbox', element: page(() => import('./features/inbox/inbox-page.js'), 'InboxPage') },
  { path: 'problems', element: page(() => import('./features/problems/problem-board-page.js'), 'ProblemBoardPage') },
  { path: 'problems/:id', element: page(() => import('./features/problems/problem-page.js'), 'ProblemPage') },
  { path: 'consultations', element: page(() => import('./features/consultations/my-consultations-page.js'), 'MyConsultationsPage') },
  { path: 'consultations/:id', element: page(() => import('./features/consultations/opinion-page.js'), 'OpinionPage') },
  { path: 'actions', element: page(() => import('./features/actions/my-actions-page.js'), 'MyActionsPage') },
  { path: 'desk', element: page(() => import('./features/desk/coordinator-desk-page.js'), 'CoordinatorDeskPage') },
  { path: 'reports/voc', element: page(() => import('./features/reports/voc-report-page.js'), 'VocReportPage') },
  {
    path: 'reports/complaints',
    element: page(() => import('./features/complaints/complaint-statistics-page.js'), 'ComplaintStatisticsPage'),
  },
  { path: 'reports/performance', element: page(() => import('./features/reports/performance-page.js'), 'PerformancePage') },
  { path: 'complaints', element: page(() => import('./features/complaints/complaints-page.js'), 'ComplaintsPage') },
  {
    path: 'supervision/complaints',
    element: page(() => import('./features/complaints/complaint-supervision-page.js'), 'ComplaintSupervisionPage'),
  },
  { path: 'callbacks', element: page(() => import('./features/callbacks/callback-queue-page.js'), 'CallbackQueuePage') },
  { path: 'complaints/:id', element: page(() => import('./features/complaints/complaint-page.js'), 'ComplaintPage') },
  { path: 'knowledge', element: page(() => import('./features/knowledge/knowledge-page.js'), 'KnowledgePage') },
  { path: 'suggestions', element: page(() => import('./features/insight/suggested-problems-page.js'), 'SuggestedProblemsPage') },
  { path: 'admin/users', element: page(() => import('./features/admin/users-page.js'), 'UsersPage') },
  { path: 'admin/service-accounts', element: page(() => import('./features/admin/service-accounts-page.js'), 'ServiceAccountsPage') },
  { path: 'admin/org', element: page(() => import('./features/admin/org-page.js'), 'OrgPage') },
  { path: 'digest', element: page(() => import('./features/outbound/digest-page.js'), 'DigestPage') },
  { path: 'account/outbound', element: page(() => import('./features/outbound/outbound-settings-page.js'), 'OutboundSettingsPage') },
  { path: 'admin/outbound', element: page(() => import('./features/outbound/outbound-admin-page.js'), 'OutboundAdminPage') },
  { path: 'account/password', element: page(() => import('./features/auth/change-password-page.js'), 'ChangePasswordPage') },
];

const loginPage = page(() => import('./features/auth/login-page.js'), 'LoginPage');
const forcedPasswordPage = page(() => import('./features/auth/change-password-page.js'), 'ChangePasswordPage');
const notFoundPage = page(() => import('./features/shell/not-found-page.js'), 'NotFoundPage');

function AppRoutes() {
  const { token, viewer } = useSession();
  const fallback = <div className="hub-loading" role="status" aria-label="…" />;
  if (!token || !viewer) return <Suspense fallback={fallback}>{loginPage}</Suspense>;
  if (viewer.mustChangePassword) return <Suspense fallback={fallback}>{forcedPasswordPage}</Suspense>;
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<HomeRedirect />} />
        {routes.map((r) => (
          <Route key={r.path} path={r.path} element={r.element} />
        ))}
        <Route path="*" element={notFoundPage} />
      </Route>
    </Routes>
  );
}

function Localized() {
  const { antdLocale } = useI18n();
  return (
    <ConfigProvider locale={antdLocale} theme={hubTheme} button={{ autoInsertSpace: false }}>
      <SessionProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </SessionProvider>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localized />
    </I18nProvider>
  );
}
