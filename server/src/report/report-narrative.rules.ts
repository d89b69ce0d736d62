import type { RoleCode } from '../core/roles.js';
import type { NarrativeStatusCode } from './report-narrative.table.js';

/** The narrative's sections, in the order the report prints them, with their Chinese headings. */
export const NARRATIVE_SECTIONS = [
  ['highlights', '本月要点'],
  ['analysis', '问题分析'],
  ['recommendations', '改进建议'],
  ['innovation', '创新进展'],
] as const;
export type NarrativeSectionKey = (typeof NARRATIVE_SECTIONS)[number][0];
export type NarrativeText = Record<NarrativeSectionKey, string>;

/** Longest section, in characters: a report section, not a document store. */
export const NARRATIVE_SECTION_MAX = 20_000;

export type NarrativeStep = 'save' | 'submit' | 'return' | 'publish';

/**
 * Who moves the narrative, and from where (the analyst writes, the coordinator reviews):
 * - save: the analyst while it is a draft, or revising a published one (it becomes a draft again);
 *   the coordinator while reviewing it (a reviewer's edits);
 * - submit: the analyst sends a draft for review;
 * - return: the coordinator sends it back with a reason;
 * - publish: publishing the month's report freezes a reviewed narrative into the version.
 * Answers the status after the step, or null when the step is not allowed from `from`.
 */
export function narrativeStep(step: NarrativeStep, from: NarrativeStatusCode | null, role: RoleCode): NarrativeStatusCode | null {
  switch (step) {
    case 'save':
      if (role === 'ANALYST') return from === null || from === 'DRAFT' || from === 'PUBLISHED' ? 'DRAFT' : null;
      if (role === 'COORDINATOR') return from === 'IN_REVIEW' ? 'IN_REVIEW' : null;
      return null;
    case 'submit':
      return role === 'ANALYST' && from === 'DRAFT' ? 'IN_REVIEW' : null;
    case 'return':
      return role === 'COORDINATOR' && from === 'IN_REVIEW' ? 'DRAFT' : null;
    case 'publish':
      return from === 'IN_REVIEW' ? 'PUBLISHED' : null;
  }
}

/** A section's text as kept: line ends unified, trailing blanks trimmed; null when too long. */
export function cleanSection(text: string): string | null {
  const clean = text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim();
  return Array.from(clean).length > NARRATIVE_SECTION_MAX ? null : clean;
}
