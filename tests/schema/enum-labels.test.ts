import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import ZH from '../../schema/enum-labels.zh.json' with { type: 'json' };
import { LABELS } from '../../server/src/report/report.labels.js';
import { zh, zhEnumLabels } from '../../web/src/lib/messages.zh.js';
import { KPI_LABELS } from '../../web/src/lib/kpi.js';

/**
 * One Chinese name per enum value, whoever shows it: the bank's documents (server/src/report/
 * report.labels.ts) and the web app's screens (web/src/lib/messages.zh.ts) both take the shared
 * table (@voc-hub/schema/enum-labels.zh.json). A value without a name, or a name one side writes
 * apart (the ActionStatus 已受理 / 已接收 drift this replaced), fails here.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'schema', 'schema.graphql'), 'utf8'));
const valuesOf = (name: string): string[] => {
  const type = schema.getType(name);
  if (!isEnumType(type)) throw new Error(`${name} is not an enum of the schema`);
  return type.getValues().map((v) => v.name);
};
const sorted = (o: object) => Object.keys(o).sort();
const shared = ZH as Record<string, Record<string, string>>;

/** The documents' tables, by the schema enum each names. */
const SERVER: Record<string, Readonly<Record<string, string>>> = {
  FeedbackKind: LABELS.kind,
  Channel: LABELS.channel,
  ProblemStatus: LABELS.problemStatus,
  Severity: LABELS.severity,
  RootCause: LABELS.rootCause,
  Outcome: LABELS.outcome,
  ActionStatus: LABELS.actionStatus,
  ExtensionDecision: LABELS.extension,
  LoopStage: LABELS.stage,
  KpiName: LABELS.kpi,
};
/** Where a document deliberately writes a longer form of the shared name (DOMAIN.md: 赞扬之声). */
const DOCUMENT_FORM: Record<string, (name: string) => string> = { FeedbackKind: (n) => `${n}之声` };

describe('the Chinese names of the schema’s enums', () => {
  it('are shared: one name for every value of each enum the table names, and distinct within it', () => {
    expect(Object.keys(shared).length).toBeGreaterThanOrEqual(10);
    for (const [name, table] of Object.entries(shared)) {
      expect(sorted(table), name).toEqual(valuesOf(name).sort());
      for (const [value, label] of Object.entries(table)) expect(label.trim(), `${name}.${value}`).not.toBe('');
      expect(new Set(Object.values(table)).size, `${name}: two values with one name`).toBe(Object.keys(table).length);
    }
  });

  it('are the same in the bank’s documents', () => {
    for (const [name, table] of Object.entries(SERVER)) {
      expect(sorted(table), name).toEqual(valuesOf(name).sort());
      const expected = shared[name];
      expect(expected, `${name} is labelled by the documents: it belongs in the shared table`).toBeDefined();
      const form = DOCUMENT_FORM[name] ?? ((n: string) => n);
      for (const value of valuesOf(name)) expect(table[value], `${name}.${value}`).toBe(form(expected![value]!));
    }
  });

  it('are the same on the web app’s screens', () => {
    const web = zhEnumLabels as Record<string, Record<string, string>>;
    for (const [name, table] of Object.entries(web)) expect(sorted(table), name).toEqual(valuesOf(name).sort());
    for (const [name, table] of Object.entries(shared)) {
      if (name === 'KpiName') {
        // The screens name KPIs through message keys (lib/kpi.ts).
        for (const [value, key] of Object.entries(KPI_LABELS)) expect(zh[key], `KpiName.${value}`).toBe(table[value]);
        continue;
      }
      expect(web[name], `${name}: the screens must show the shared names`).toEqual(table);
    }
  });

  it('never differ between documents and screens, for any enum both name', () => {
    const web = zhEnumLabels as Record<string, Record<string, string>>;
    for (const [name, table] of Object.entries(SERVER)) {
      if (!web[name]) continue;
      const form = DOCUMENT_FORM[name] ?? ((n: string) => n);
      for (const value of valuesOf(name)) expect(table[value], `${name}.${value}`).toBe(form(web[name][value]!));
    }
  });
});
