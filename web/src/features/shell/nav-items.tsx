import type { ReactNode } from 'react';
import {
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AppstoreOutlined,
  BarChartOutlined,
  BulbOutlined,
  BookOutlined,
  AuditOutlined,
  PieChartOutlined,
  DashboardOutlined,
  EditOutlined,
  PhoneOutlined,
  FileTextOutlined,
  InboxOutlined,
  ScheduleOutlined,
  TeamOutlined,
  CalendarOutlined,
  SendOutlined,
  KeyOutlined,
} from '@ant-design/icons';
import type { MessageKey } from '../../lib/translate.js';
import type { Role } from '../../lib/types.js';

export interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
}

const item = (path: string, label: MessageKey, icon: ReactNode): NavItem => ({ path, label, icon });

const dashboard = item('/dashboard', 'nav.dashboard', <DashboardOutlined />);
const report = item('/reports/voc', 'nav.report', <FileTextOutlined />);
const board = item('/problems', 'nav.problems', <AppstoreOutlined />);
const inbox = item('/inbox', 'nav.inbox', <InboxOutlined />);
const record = item('/feedback/new', 'nav.record', <EditOutlined />);
const performance = item('/reports/performance', 'nav.performance', <BarChartOutlined />);
const suggestions = item('/suggestions', 'nav.suggestions', <BulbOutlined />);
const complaints = item('/complaints', 'nav.complaints', <AuditOutlined />);
const callbacks = item('/callbacks', 'nav.callbacks', <PhoneOutlined />);
const supervision = item('/supervision/complaints', 'nav.supervision', <AlertOutlined />);
const knowledge = item('/knowledge', 'nav.knowledge', <BookOutlined />);
const digest = item('/digest', 'nav.digest', <CalendarOutlined />);
const outbound = item('/account/outbound', 'nav.outbound', <SendOutlined />);
const complaintStats = item('/reports/complaints', 'nav.complaintStats', <PieChartOutlined />);

/** What each role sees in the menu, its own work first. */
export const NAV_BY_ROLE: Record<Role, NavItem[]> = {
  AGENT: [record, callbacks, complaints, knowledge, dashboard, report, performance, digest, outbound],
  ANALYST: [inbox, suggestions, board, knowledge, complaints, record, dashboard, report, performance, digest, outbound],
  COORDINATOR: [
    item('/desk', 'nav.desk', <ScheduleOutlined />),
    board,
    supervision,
    complaints,
    callbacks,
    inbox,
    suggestions,
    knowledge,
    dashboard,
    report,
    complaintStats,
    performance,
    digest,
    outbound,
  ],
  EXPERT: [
    item('/consultations', 'nav.consultations', <AuditOutlined />),
    item('/actions', 'nav.deptActions', <AlertOutlined />),
    board,
    dashboard,
    report,
    performance,
    digest,
    outbound,
  ],
  BRANCH_MANAGER: [
    item('/actions', 'nav.branchActions', <AlertOutlined />),
    complaints,
    board,
    dashboard,
    report,
    complaintStats,
    performance,
    digest,
    outbound,
  ],
  ADMIN: [
    item('/admin/users', 'nav.users', <TeamOutlined />),
    item('/admin/org', 'nav.org', <ApartmentOutlined />),
    item('/admin/service-accounts', 'nav.serviceAccounts', <KeyOutlined />),
    item('/admin/outbound', 'nav.outboundAdmin', <ApiOutlined />),
    dashboard,
    supervision,
    callbacks,
    board,
    report,
    complaintStats,
    performance,
    outbound,
  ],
};

/** Where a role lands after signing in. */
export function homeOf(role: Role): string {
  return NAV_BY_ROLE[role][0]!.path;
}
