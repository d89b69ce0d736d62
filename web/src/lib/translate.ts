import { zh, zhEnumLabels, type MessageKey } from './messages.zh.js';
import type { EnumLabels, EnumName, HubEnums } from './enums.js';

export type Lang = 'zh' | 'en';
export type { MessageKey };

/** A message by key, with `{name}` placeholders filled in. */
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The label of an enum value: `ProblemStatus`, `OPEN` → 待初诊. */
export type EnumLabel = <E extends EnumName>(enumName: E, value: HubEnums[E]) => string;

/** Chinese is always there; English is registered when first chosen (it loads on demand). */
const dictionaries: Partial<Record<Lang, Record<MessageKey, string>>> = { zh };
const enumLabels: Partial<Record<Lang, EnumLabels>> = { zh: zhEnumLabels };

export function registerDictionary(lang: Lang, dict: Record<MessageKey, string>, labels?: EnumLabels): void {
  dictionaries[lang] = dict;
  if (labels) enumLabels[lang] = labels;
}

export function hasDictionary(lang: Lang): boolean {
  return !!dictionaries[lang];
}

export function makeTranslate(lang: Lang): Translate {
  const dict = dictionaries[lang] ?? zh;
  return (key, vars) => {
    const text = dict[key] ?? zh[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

/** Enum labels in a language; a value newer than this build (the server's) shows as itself. */
export function makeEnumLabel(lang: Lang): EnumLabel {
  const labels = enumLabels[lang] ?? zhEnumLabels;
  return (enumName, value) => {
    const table: Partial<Record<string, string>> = labels[enumName];
    return table[value] ?? (zhEnumLabels[enumName] as Partial<Record<string, string>>)[value] ?? value;
  };
}

/** An enum's values in the order screens list them: the order of its Chinese label table. */
export function enumValues<E extends EnumName>(enumName: E): readonly HubEnums[E][] {
  return Object.keys(zhEnumLabels[enumName]) as HubEnums[E][];
}
