import { groupBy, type LoaderKit } from '../core/loader.js';
import { evidenceOfActions, evidenceOfProblems, type EvidenceRow } from './evidence.repository.js';

/** Per-request batching: a page's files in one query per kind of parent, not one per row. */
export function evidenceLoaders({ db, loader }: LoaderKit) {
  return {
    evidenceOfAction: loader<string, EvidenceRow[]>(async (ids) => groupBy(ids, await evidenceOfActions(db(), ids), (e) => e.actionId!)),
    evidenceOfProblem: loader<string, EvidenceRow[]>(async (ids) =>
      groupBy(ids, await evidenceOfProblems(db(), 'PROBLEM', ids), (e) => e.problemId),
    ),
    evidenceOfDiagnosis: loader<string, EvidenceRow[]>(async (ids) =>
      groupBy(ids, await evidenceOfProblems(db(), 'DIAGNOSIS', ids), (e) => e.problemId),
    ),
    // An opinion is keyed by its problem and its expert: `${problemId} ${expertId}`.
    evidenceOfOpinion: loader<string, EvidenceRow[]>(async (keys) => {
      const problemIds = [...new Set(keys.map((k) => k.split(' ')[0]!))];
      return groupBy(keys, await evidenceOfProblems(db(), 'OPINION', problemIds), (e) => `${e.problemId} ${e.expertId}`);
    }),
  };
}
