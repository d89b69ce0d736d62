import type { HubDeps } from '../core/hub.js';
import type { Viewer } from '../core/viewer.rules.js';
import type { Db } from '../core/db.js';
import { AuthService } from '../auth/index.js';
import { ServiceAccountService } from '../service-account/index.js';
import { OrgService } from '../org/index.js';
import { UserService } from '../user/index.js';
import { FeedbackService } from '../feedback/index.js';
import { ProblemService, ConsultationService, ActionService, problemConcerns } from '../loop/index.js';
import { EventService, Reactions, type Reaction } from '../event/index.js';
import { ReportService } from '../report/index.js';
import { KpiService } from '../kpi/index.js';
import { AuditService } from '../audit/index.js';
import { NotificationService } from '../notification/index.js';
import { DeadlineService, deadlineConfigOf } from '../deadline/index.js';
import { ImportService } from '../import/index.js';
import { InsightService } from '../insight/index.js';
import {
  ComplaintService,
  ComplaintStatisticsService,
  ComplaintCodeService,
  complaintDeadlineSource,
  complaintDeadlinePolicyOf,
  complaintLeagueFacts,
} from '../complaint/index.js';
import { ContactService } from '../contact/index.js';
import { CallbackService, callbackKpisOf, callbackDeadlineSource, callbackDeadlinePolicyOf } from '../callback/index.js';
import { DiscussionService } from '../discussion/index.js';
import { ViewService, ListExportService } from '../view/index.js';
import { EvidenceService, evidenceStorageFor } from '../evidence/index.js';
import { KnowledgeService } from '../knowledge/index.js';
import { OutboundService } from '../outbound/index.js';
import { createLoaders, type Loaders } from './loaders.js';
import { MODULES } from './modules.js';
import { RightsEpoch } from '../core/rights-epoch.js';

/** What the process provides before the services exist; the reactions come from the modules. */
export type BaseDeps = Omit<HubDeps, 'reactions' | 'rights'>;

/**
 * Every use case of the hub, built once per process. The modules' declared reactions and commit
 * hooks (app/modules.ts) are bound to the built services here, once, before the first write.
 */
export function createServices(base: BaseDeps) {
  const declared: Reaction[] = [];
  const reactions = new Reactions();
  const deps: HubDeps = { ...base, reactions, rights: new RightsEpoch() };
  // Integrations' tokens: auth asks through a port whether a bearer value is one (issue 19).
  const serviceAccounts = new ServiceAccountService(deps);
  const auth = new AuthService(deps, serviceAccounts);
  const audit = new AuditService(deps.store, deps.clock);
  const deadlineConfig = deadlineConfigOf(deps.env);
  const insight = new InsightService(deps);
  // The 3-in-3 rule counts per complaint: insight's similarity groups (issue #10).
  // Customers' phones, encrypted at rest: stored by feedback and complaint, read by callback.
  const contacts = new ContactService(deps);
  const feedback = new FeedbackService(deps, contacts);
  const problems = new ProblemService(deps);
  const org = new OrgService(deps);
  // The KPIs count callbacks through a port, so that kpi (which report reads) imports no callback.
  const kpis = new KpiService(deps, (q) => callbackKpisOf(deps.store.read, q));
  const complaints = new ComplaintService(deps, deadlineConfig.calendar, feedback, problems, org, contacts);
  const actions = new ActionService(deps);
  // Outbound delivery (issue 19): every notification written hands its recipients' deliveries to
  // the outbox in the same transaction, so nothing is sent for a rolled-back write.
  const outbound = new OutboundService(deps);
  const notifications = new NotificationService(
    deps,
    auth,
    deadlineConfig,
    (items) => insight.partition(items),
    (tx, rows, at) => outbound.enqueueNotifications(tx, rows, at),
  );
  const services = {
    deps,
    auth,
    audit,
    org,
    users: new UserService(deps),
    serviceAccounts,
    feedback,
    problems,
    consultations: new ConsultationService(deps),
    actions,
    // Streams re-read their viewer through auth, and ask problem whether a problem concerns a scope.
    events: new EventService(deps, { refreshAll: (signIns) => auth.refreshAll(signIns), problemConcerns }),
    kpis,
    // The branch league table counts complaint cases through a port: complaint imports report.
    reports: new ReportService(deps, kpis, complaintLeagueFacts),
    notifications,
    outbound,
    deadlines: new DeadlineService(
      deps,
      { send: (tx, at) => notifications.digests.sendDailyDigests(tx, at), wake: () => notifications.wake() },
      deadlineConfig,
      // Other modules' deadlines, scanned with the loop's: complaint cases' limits and open callbacks' due dates (issue 17).
      [
        complaintDeadlineSource(complaintDeadlinePolicyOf(deps.env, deadlineConfig.calendar)),
        callbackDeadlineSource(callbackDeadlinePolicyOf(deps.env, deadlineConfig.calendar)),
      ],
    ),
    imports: new ImportService(deps, notifications),
    insight,
    complaints,
    complaintStatistics: new ComplaintStatisticsService(deps, deadlineConfig.calendar),
    complaintCodes: new ComplaintCodeService(deps),
    contacts,
    callbacks: new CallbackService(
      deps,
      {
        calendar: deadlineConfig.calendar,
        dueWorkingDays: deps.env.CALLBACK_DUE_WORKING_DAYS,
        maxAttempts: deps.env.CALLBACK_MAX_ATTEMPTS,
      },
      contacts,
      complaints,
    ),
    // The thread of comments on a problem and who follows it (issue 18).
    discussion: new DiscussionService(deps),
    // Saved views check a filter as its list's query reads it; exports stream the lists' own queries.
    views: new ViewService(deps, {
      INBOX: (viewer, filter) => feedback.queryFor(viewer, filter),
      PROBLEMS: (viewer, filter) => problems.queryFor(viewer, filter),
      ACTIONS: (viewer, filter) => actions.queryFor(viewer, filter),
    }),
    listExports: new ListExportService(deps, { feedback, problems, actions, complaints }),
    // Evidence bytes: files beside the SQLite file, or chunks in PostgreSQL (EVIDENCE_STORAGE).
    evidence: new EvidenceService(deps, evidenceStorageFor(deps.store, deps.env.EVIDENCE_STORAGE, deps.env.DATA_DIR), audit),
    // The knowledge base fed by fixes (issue 20).
    knowledge: new KnowledgeService(deps),
    loadersFor: (viewer: Viewer | null): Loaders => createLoaders(deps.store, viewer, services),
  };
  for (const m of MODULES) declared.push(...(m.reactions?.(services) ?? []));
  reactions.declare(declared);
  const hooks = MODULES.flatMap((m) => (m.beforeCommit ? [m.beforeCommit(services)] : []));
  deps.store.beforeCommit = hooks.length
    ? async (tx: Db) => {
        for (const hook of hooks) await hook(tx);
      }
    : null;
  return services;
}

export type Services = ReturnType<typeof createServices>;

declare module '../core/context.js' {
  // The composition fills core's placeholders with the real services and loaders.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HubServices extends Services {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HubLoaders extends Loaders {}
}
