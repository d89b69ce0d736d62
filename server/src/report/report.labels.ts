import type { CHANNELS, FEEDBACK_KINDS } from '../feedback/index.js';
import type { PROBLEM_STATUSES, ROOT_CAUSES, OUTCOMES, SEVERITIES, ACTION_STATUSES, EXTENSION_DECISIONS } from '../loop/index.js';
import type { KpiName } from '../kpi/index.js';
import type { LoopStage } from './loop-performance.rules.js';
// The schema's enums in Chinese, one table for the documents and the web app's screens alike
// (the workspace package @voc-hub/schema: data only, so that both sides read it as it is).
import ZH from '@voc-hub/schema/enum-labels.zh.json' with { type: 'json' };

/** Values of one of our enum lists, and the shared table of Chinese names that must name each one. */
type Named<V extends string> = Readonly<Record<V, string>>;

/**
 * The Chinese names the bank's documents use, for exports and the printable report: the shared
 * names (@voc-hub/schema/enum-labels.zh.json), checked here against the server's own value lists,
 * so that a value without its name is a type error. The one form documents add: a feedback kind is
 * a voice (赞扬之声, DOMAIN.md), where a screen's tag says 赞扬.
 */
export const LABELS = {
  kind: {
    PRAISE: `${ZH.FeedbackKind.PRAISE}之声`,
    PROBLEM: `${ZH.FeedbackKind.PROBLEM}之声`,
    SUGGESTION: `${ZH.FeedbackKind.SUGGESTION}之声`,
  } satisfies Named<(typeof FEEDBACK_KINDS)[number]>,
  channel: ZH.Channel satisfies Named<(typeof CHANNELS)[number]>,
  problemStatus: ZH.ProblemStatus satisfies Named<(typeof PROBLEM_STATUSES)[number]>,
  severity: ZH.Severity satisfies Named<(typeof SEVERITIES)[number]>,
  rootCause: ZH.RootCause satisfies Named<(typeof ROOT_CAUSES)[number]>,
  outcome: ZH.Outcome satisfies Named<(typeof OUTCOMES)[number]>,
  actionStatus: ZH.ActionStatus satisfies Named<(typeof ACTION_STATUSES)[number]>,
  extension: ZH.ExtensionDecision satisfies Named<(typeof EXTENSION_DECISIONS)[number]>,
  stage: ZH.LoopStage satisfies Named<LoopStage>,
  kpi: ZH.KpiName satisfies Named<KpiName>,
  // Checked where it is read (the complaint list's export): the complaint module depends on report, not the reverse.
  complaintStatus: ZH.ComplaintStatus,
} as const;
