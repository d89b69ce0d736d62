import { registerEnumType } from 'type-graphql';
import { enumOf } from '../core/enum.js';
import { CALLBACK_STATUSES, CALLBACK_VERDICTS } from './callback.table.js';

export const CallbackStatus = enumOf(CALLBACK_STATUSES);
export const CallbackVerdict = enumOf(CALLBACK_VERDICTS);
registerEnumType(CallbackStatus, {
  name: 'CallbackStatus',
  description: 'A callback (回访): OPEN (to call; retried while not reached) → COMPLETED (reached, verdict given) or UNREACHABLE.',
  valuesConfig: {
    OPEN: { description: 'To call, or to call again.' },
    COMPLETED: { description: 'The customer was reached and gave a verdict.' },
    UNREACHABLE: { description: 'Not reached after the configured number of attempts (CALLBACK_MAX_ATTEMPTS).' },
  },
});
registerEnumType(CallbackVerdict, {
  name: 'CallbackVerdict',
  description: "The customer's verdict on the fix.",
  valuesConfig: {
    SATISFIED: { description: '满意.' },
    PARTLY: { description: '基本满意: partly satisfied.' },
    NOT_SATISFIED: { description: '不满意: reopens the complaint case and flags the problem to the coordinators.' },
  },
});
