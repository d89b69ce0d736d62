/**
 * The 3-in-3 rule, in three words that each mean one thing (the SQL names, older, say "cluster"
 * for the first: feedback_clusters, feedback_cluster_items, cluster_id):
 *
 * - an alert: enough distinct customers reported one complaint at one site within the window
 *   (a feedback_clusters row, the FEEDBACK_CLUSTER notification);
 * - a topic: reports that say the same thing, insight's similarity grouping of their texts;
 * - a site: one category at one branch, where the rule looks for alerts.
 */

/** The 3-in-3 rule's thresholds (configuration): this many distinct customers within this window. */
export interface AlertRule {
  minCustomers: number;
  windowMs: number;
}

/**
 * A report at one site, with its customer: free (unattached, in no alert yet) or a member of the
 * alert `alertId`.
 */
export interface AlertItem {
  id: string;
  customerRef: string;
  at: number;
  alertId: number | null;
}

export interface ExistingAlert {
  id: number;
  firstAt: number;
  lastAt: number;
}

export interface AlertPlan {
  /** Items that continue an alerted chain: they join that alert, and nobody is alerted again. */
  joins: { alertId: number; feedbackIds: string[]; firstAt: number; lastAt: number }[];
  /** New alerts. */
  creates: { feedbackIds: string[]; customers: number; firstAt: number; lastAt: number }[];
}

/** Oldest first, then by id: the one order the rule (and the topic partition before it) reads items in. */
export const byTime = (a: AlertItem, b: AlertItem) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The 3-in-3 rule (issue #6), for the reports of one topic at one site (planAlertsByTopic). An alert is due when at least `minCustomers` distinct customers
 * reported within `windowMs` of each other (the first and the last report at most the window
 * apart, both ends included), none of it attached to a problem and none of it alerted before. An
 * alert covers its chain: a later report within the window of an alert's reports joins that alert
 * instead of raising another, so that each topic alerts once.
 * Only bursts whose latest report is within the window before `now` alert: loading last year's
 * records raises no alarm about last year.
 */
export function planAlerts(items: readonly AlertItem[], existing: readonly ExistingAlert[], rule: AlertRule, now: number): AlertPlan {
  const sorted = [...items].sort(byTime);
  const assigned = new Map<string, number>();
  const spans = new Map(existing.map((c) => [c.id, { firstAt: c.firstAt, lastAt: c.lastAt, joined: [] as string[] }]));
  for (const item of sorted) if (item.alertId !== null) assigned.set(item.id, item.alertId);

  // Chains: join every free item within the window of an alert, until nothing more joins.
  for (let changed = true; changed;) {
    changed = false;
    for (const item of sorted) {
      if (assigned.has(item.id)) continue;
      for (const [id, span] of spans) {
        if (item.at >= span.firstAt - rule.windowMs && item.at <= span.lastAt + rule.windowMs) {
          assigned.set(item.id, id);
          span.joined.push(item.id);
          span.firstAt = Math.min(span.firstAt, item.at);
          span.lastAt = Math.max(span.lastAt, item.at);
          changed = true;
          break;
        }
      }
    }
  }

  // New alerts: a sliding window over the items no alert covers.
  const creates: AlertPlan['creates'] = [];
  const free = sorted.filter((i) => !assigned.has(i.id));
  const inWindow = new Map<string, number>();
  let left = 0;
  let current: { plan: AlertPlan['creates'][number]; customers: Set<string> } | null = null;
  for (let right = 0; right < free.length; right++) {
    const item = free[right]!;
    if (current && item.at <= current.plan.lastAt + rule.windowMs) {
      current.plan.feedbackIds.push(item.id);
      current.plan.lastAt = item.at;
      current.customers.add(item.customerRef);
      current.plan.customers = current.customers.size;
      continue;
    }
    if (current) {
      current = null;
      inWindow.clear();
      left = right;
    }
    inWindow.set(item.customerRef, (inWindow.get(item.customerRef) ?? 0) + 1);
    while (item.at - free[left]!.at > rule.windowMs) {
      const ref = free[left]!.customerRef;
      const n = inWindow.get(ref)! - 1;
      if (n) inWindow.set(ref, n);
      else inWindow.delete(ref);
      left++;
    }
    if (inWindow.size >= rule.minCustomers && item.at >= now - rule.windowMs) {
      const members = free.slice(left, right + 1);
      const plan = { feedbackIds: members.map((m) => m.id), customers: inWindow.size, firstAt: members[0]!.at, lastAt: item.at };
      current = { plan, customers: new Set(inWindow.keys()) };
      creates.push(plan);
    }
  }

  const joins = [...spans.entries()]
    .filter(([, s]) => s.joined.length)
    .map(([alertId, s]) => ({ alertId, feedbackIds: s.joined, firstAt: s.firstAt, lastAt: s.lastAt }));
  return { joins, creates };
}

/**
 * The 3-in-3 rule per complaint (issue #10): `planAlerts` within each topic of one site, so that three customers with three unrelated complaints raise nothing,
 * three with the same complaint in their own words raise one alert, and two complaints in the same
 * days raise two. An alert is continued only by reports of a topic one of its members is in: a
 * later report of something else, in the same hours, neither joins it nor is kept from alerting.
 *
 * @param items  free reports (`alertId` null) and the members of `existing` (`alertId` set)
 * @param topicOf  for each position of `items`, a label of its topic (the similarity partition)
 */
export function planAlertsByTopic(
  items: readonly AlertItem[],
  topicOf: ArrayLike<number>,
  existing: readonly ExistingAlert[],
  rule: AlertRule,
  now: number,
): AlertPlan {
  const topics = new Map<number, AlertItem[]>();
  items.forEach((item, i) => {
    const members = topics.get(topicOf[i]!);
    if (members) members.push(item);
    else topics.set(topicOf[i]!, [item]);
  });
  const joins = new Map<number, AlertPlan['joins'][number]>();
  const creates: AlertPlan['creates'] = [];
  for (const members of topics.values()) {
    if (members.every((m) => m.alertId !== null)) continue;
    const alerted = new Set(members.map((m) => m.alertId));
    const ownAlerts = existing.filter((c) => alerted.has(c.id));
    const plan = planAlerts(members, ownAlerts, rule, now);
    creates.push(...plan.creates);
    // An alert whose members fell into two topics may be continued from both: one join for it.
    for (const j of plan.joins) {
      const seen = joins.get(j.alertId);
      if (!seen) joins.set(j.alertId, j);
      else
        joins.set(j.alertId, {
          alertId: j.alertId,
          feedbackIds: [...seen.feedbackIds, ...j.feedbackIds],
          firstAt: Math.min(seen.firstAt, j.firstAt),
          lastAt: Math.max(seen.lastAt, j.lastAt),
        });
    }
  }
  creates.sort((a, b) => a.firstAt - b.firstAt || (a.feedbackIds[0]! < b.feedbackIds[0]! ? -1 : 1));
  return { joins: [...joins.values()], creates };
}
