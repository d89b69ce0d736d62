import { sql } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import { first } from '../core/sql.js';
import type { Viewer } from '../core/viewer.rules.js';
import { roleMay } from '../core/permissions.rules.js';
import { badInput, forbidden } from '../core/errors.js';
import { validDate } from '../core/validate.js';
import type { CHANNELS } from '../feedback/index.js';
import { contactRecords } from './contact.table.js';
import { addContactsToRollup, kpiCounters } from './kpi.repository.js';
import { computeKpis, assessKpis, type KpiConfig, type KpiCounters, type KpiValues, type KpiAssessment } from './kpi.rules.js';
import { kpiConfigOf } from './kpi.config.js';

const MAX_CONTACTS_PER_CALL = 10_000;

export interface ContactFields {
  channel: (typeof CHANNELS)[number];
  branchId?: string | null;
  offeredAt: Date;
  answered: boolean;
  waitSeconds: number;
  firstResponseSeconds?: number | null;
  transferred: boolean;
  workOrder: boolean;
  complaint: boolean;
  satisfaction?: number | null;
  customerRef?: string | null;
}

/** The counts over callbacks (回访) closed in a period and scope; the callback module's rules derive the rates from them. */
export interface CallbackCounts {
  closed: number;
  reached: number;
  unreachable: number;
  satisfied: number;
  partly: number;
  notSatisfied: number;
}

/** Callbacks (回访) closed in a period and scope: what the callback module counts for the KPIs. */
export interface CallbackKpis extends CallbackCounts {
  reachRate: number | null;
  satisfactionRate: number | null;
  partlySatisfiedRate: number | null;
}

/**
 * Where the callback figures come from: the callback module's count, handed in by the composition
 * root (app/services.ts) so that kpi, which report reads, knows no feature that reads report.
 */
export type CallbackFigures = (q: { branchIds: readonly string[] | null; from: number | null; to: number | null }) => Promise<CallbackKpis>;

/** KPIs with what they were computed from and how each stands against its target. */
export interface KpiReport extends KpiValues {
  counters: KpiCounters;
  serviceLevelSeconds: number;
  responseSeconds: number;
  repeatWindowDays: number;
  assessments: KpiAssessment[];
  /** Callbacks (回访) closed in the period and scope: reach and satisfaction beside the 三高三低. */
  callbacks: CallbackKpis;
}

/**
 * The contact-center KPIs: contact records in, with their rollup, and the KPIs of a period and
 * scope out, each against its target, with the thresholds of the configuration (core/env.ts).
 */
export class KpiService {
  readonly config: KpiConfig;

  constructor(
    private readonly deps: HubDeps,
    private readonly callbackFigures: CallbackFigures,
  ) {
    this.config = kpiConfigOf(deps.env);
  }

  /** The KPIs of contacts offered in [from, to) (null: unbounded) at the given branches (null: all), read from the rollup. */
  async report(branchIds: readonly string[] | null, from: number | null, to: number | null): Promise<KpiReport> {
    const counters = await kpiCounters(this.deps.store.read, this.config, { from, to, branchIds });
    const values = computeKpis(counters);
    return {
      ...values,
      counters,
      serviceLevelSeconds: this.config.serviceLevelSeconds,
      responseSeconds: this.config.responseSeconds,
      repeatWindowDays: this.config.repeatWindowDays,
      assessments: assessKpis(values, this.config.targets),
      callbacks: await this.callbackFigures({ branchIds, from, to }),
    };
  }

  /**
   * Stores a batch of contact records (at most 10,000), all or nothing, with their KPI rollups.
   * FORBIDDEN but for analysts and administrators; BAD_USER_INPUT for a record out of range.
   */
  async recordContacts(viewer: Viewer, records: ContactFields[]): Promise<number> {
    if (!roleMay(viewer.role, 'recordContacts')) throw forbidden('Only analysts and administrators record contacts.');
    if (records.length > MAX_CONTACTS_PER_CALL) throw badInput('input.records', `At most ${MAX_CONTACTS_PER_CALL} records a call.`);
    const now = this.deps.clock.now();
    const rows = records.map((r, i) => {
      const field = `input.records[${i}]`;
      const offeredAt = validDate(`${field}.offeredAt`, r.offeredAt);
      if (offeredAt.getTime() > now.getTime() + 5 * 60_000)
        throw badInput(`${field}.offeredAt`, `${field}.offeredAt may not be in the future.`);
      if (!Number.isInteger(r.waitSeconds) || r.waitSeconds < 0 || r.waitSeconds > 86_400)
        throw badInput(`${field}.waitSeconds`, `${field}.waitSeconds must be between 0 and 86400.`);
      if (r.firstResponseSeconds != null && (r.firstResponseSeconds < 0 || r.firstResponseSeconds > 86_400))
        throw badInput(`${field}.firstResponseSeconds`, `${field}.firstResponseSeconds must be between 0 and 86400.`);
      if (r.satisfaction != null && (r.satisfaction < 1 || r.satisfaction > 5))
        throw badInput(`${field}.satisfaction`, `${field}.satisfaction must be 1 to 5.`);
      if (r.branchId && !this.deps.org.get(r.branchId)) throw badInput(`${field}.branchId`, `${field}.branchId is not a branch.`);
      if (r.customerRef && r.customerRef.length > 64)
        throw badInput(`${field}.customerRef`, `${field}.customerRef may have at most 64 characters.`);
      return {
        channel: r.channel,
        branchId: r.branchId ?? null,
        offeredAt,
        answered: r.answered,
        waitSeconds: r.waitSeconds,
        firstResponseSeconds: r.firstResponseSeconds ?? null,
        transferred: r.transferred,
        workOrder: r.workOrder,
        complaint: r.complaint,
        satisfaction: r.satisfaction ?? null,
        customerRef: r.customerRef?.trim() || null,
      };
    });
    if (!rows.length) return 0;
    await this.deps.store.transaction(async (tx) => {
      const lastId = (await first(tx.select({ id: sql<number>`coalesce(max(${contactRecords.id}), 0)` }).from(contactRecords)))?.id ?? 0;
      for (let i = 0; i < rows.length; i += 500) await tx.insert(contactRecords).values(rows.slice(i, i + 500));
      await addContactsToRollup(tx, this.config, lastId);
    });
    return rows.length;
  }
}
