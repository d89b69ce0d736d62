import { zh, type MessageKey } from './messages.zh.js';

export type Lang = 'zh' | 'en';
export type { MessageKey };

/** A message by key, with `{name}` placeholders filled in. */
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Chinese is always there; English is registered when first chosen (it loads on demand). */
const dictionaries: Partial<Record<Lang, Record<MessageKey, string>>> = { zh };

export function registerDictionary(lang: Lang, dict: Record<MessageKey, string>): void {
  dictionaries[lang] = dict;
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

/** The label of an enum value (`ProblemStatus`, `OPEN` → 待初诊), or the value itself when unknown. */
export function enumLabel(t: Translate, enumName: string, value: string): string {
  const key = `${enumName}.${value}` as MessageKey;
  return key in zh ? t(key) : value;
}
