export const LEVELS = ['HEAD_OFFICE', 'BRANCH', 'SUB_BRANCH', 'OUTLET'] as const;
export type LevelCode = (typeof LEVELS)[number];

/** A node sits exactly one level below its parent; only the head office has no parent. */
export function levelProblem(level: LevelCode, parentLevel: LevelCode | null): string | undefined {
  if (level === 'HEAD_OFFICE') return parentLevel === null ? undefined : 'The head office has no parent.';
  if (parentLevel === null) return `A ${level} needs a parent.`;
  if (LEVELS.indexOf(parentLevel) !== LEVELS.indexOf(level) - 1) return `A ${level} must sit under a ${LEVELS[LEVELS.indexOf(level) - 1]}.`;
  return undefined;
}

/** Codes are short upper-case identifiers (e.g. `SH-PD`, `CREDIT_CARD`), stable for reports and imports. */
export function codeProblem(code: string): string | undefined {
  return /^[A-Z0-9][A-Z0-9_-]{0,31}$/.test(code) ? undefined : 'A code is 1–32 characters of A–Z, 0–9, "_" and "-".';
}
