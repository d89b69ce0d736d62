import { registerEnumType } from 'type-graphql';
import { enumOf } from '../core/enum.js';
import { PROBLEM_STATUSES, SEVERITIES, ROOT_CAUSES, OUTCOMES } from './problem.table.js';

export const Severity = enumOf(SEVERITIES);
export const ProblemStatus = enumOf(PROBLEM_STATUSES);
export const RootCause = enumOf(ROOT_CAUSES);
export const Outcome = enumOf(OUTCOMES);
registerEnumType(Severity, { name: 'Severity' });
registerEnumType(ProblemStatus, { name: 'ProblemStatus', description: "A problem's place in the loop." });
registerEnumType(RootCause, { name: 'RootCause' });
registerEnumType(Outcome, { name: 'Outcome', description: 'What fixing the problem at the source produced.' });
