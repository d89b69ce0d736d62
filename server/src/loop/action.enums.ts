import { registerEnumType } from 'type-graphql';
import { enumOf } from '../core/enum.js';
import { ACTION_STATUSES, EXTENSION_DECISIONS } from './action.table.js';

export const ActionStatus = enumOf(ACTION_STATUSES);
export const ExtensionDecision = enumOf(EXTENSION_DECISIONS);
registerEnumType(ActionStatus, { name: 'ActionStatus', description: "A linkage action's progress." });
registerEnumType(ExtensionDecision, { name: 'ExtensionDecision' });
