import type { HubDeps } from './hub.js';
import type { Viewer } from '../auth/viewer.js';
import { AuthService } from '../auth/auth.service.js';
import { OrgService } from '../org/org.service.js';
import { UserService } from '../user/user.service.js';
import { FeedbackService } from '../feedback/feedback.service.js';
import { ProblemService } from '../problem/problem.service.js';
import { ConsultationService } from '../consultation/consultation.service.js';
import { ActionService } from '../action/action.service.js';
import { EventService } from '../event/event.service.js';
import { ReportService } from '../report/report.service.js';
import { createLoaders, type Loaders } from './loaders.js';
import { AuditService } from '../audit/audit.service.js';
import { NotificationService } from '../notification/notification.service.js';
import { DeadlineService } from '../deadline/deadline.service.js';
import { deadlineConfigOf } from '../deadline/deadline.config.js';
import { ImportService } from '../import/import.service.js';
import { InsightService } from '../insight/insight.service.js';

/** Every use case of the hub, built once per process. */
export function createServices(deps: HubDeps) {
  const auth = new AuthService(deps);
  const audit = new AuditService(deps.store, deps.clock);
  audit.install();
  const deadlineConfig = deadlineConfigOf(deps.env);
  const insight = new InsightService(deps);
  // The 3-in-3 rule counts per complaint: insight's similarity groups (issue #10).
  const notifications = new NotificationService(deps, auth, deadlineConfig, (items) => insight.partition(items));
  // What an event means for people is written in the event's own transaction (core/hub.ts write).
  deps.onEvent = (tx, event, emit) => notifications.react(tx, event, emit);
  return {
    deps,
    auth,
    audit,
    org: new OrgService(deps),
    users: new UserService(deps),
    feedback: new FeedbackService(deps),
    problems: new ProblemService(deps),
    consultations: new ConsultationService(deps),
    actions: new ActionService(deps),
    events: new EventService(deps, auth),
    reports: new ReportService(deps),
    notifications,
    deadlines: new DeadlineService(deps, notifications, deadlineConfig),
    imports: new ImportService(deps, notifications),
    insight,
    loadersFor: (viewer: Viewer | null): Loaders => createLoaders(deps, viewer),
  };
}

export type Services = ReturnType<typeof createServices>;
