import { registerEnumType } from 'type-graphql';
import { enumOf } from '../core/enum.js';
import { COMPLAINT_CODE_AXES, COMPLAINT_REMEDIES, COMPLAINT_STATUSES } from './complaint.table.js';

export const ComplaintStatus = enumOf(COMPLAINT_STATUSES);
export const ComplaintRemedy = enumOf(COMPLAINT_REMEDIES);
export const ComplaintCodeAxis = enumOf(COMPLAINT_CODE_AXES);
export const COMPLAINT_ORDERS = ['DUE_AT', 'DAYS_LEFT'] as const;
export const ComplaintOrder = enumOf(COMPLAINT_ORDERS);
registerEnumType(ComplaintOrder, {
  name: 'ComplaintOrder',
  description: 'How the complaint list is sorted.',
  valuesConfig: {
    DUE_AT: { description: 'By the decision due date, soonest first (the default).' },
    DAYS_LEFT: {
      description:
        'By days left on the limit running now (the decision’s, or 核实’s), fewest first, so overdue cases come first; ' +
        'cases with no running limit (decided, ended) last.',
    },
  },
});
registerEnumType(ComplaintStatus, {
  name: 'ComplaintStatus',
  description:
    "A complaint case's state: REGISTERED (received, limit running) → HANDLING (handler assigned) → DECIDED (decision told " +
    'to the customer) → ACCEPTED (the customer accepts) or REVIEW_REQUESTED (核实 by the next-higher institution) → REVIEWED; ' +
    'DECIDED, ACCEPTED and REVIEWED cases are ARCHIVED; WITHDRAWN from any open state (REGISTERED, HANDLING, DECIDED, ' +
    'REVIEW_REQUESTED): the procedure ends that day.',
  valuesConfig: {
    REGISTERED: { description: 'Received and registered; the 15-day limit runs from receipt.' },
    HANDLING: { description: 'A handler is assigned (回避: not the person or department complained about).' },
    DECIDED: { description: 'The decision was told to the customer, with what was verified, its basis and the remedies open.' },
    ACCEPTED: { description: 'The customer accepts the decision.' },
    REVIEW_REQUESTED: {
      description: 'The customer asked for 核实 within 30 days of the decision; the next-higher institution has 30 days.',
    },
    REVIEWED: { description: '核实 done by the next-higher institution (or a COORDINATOR).' },
    ARCHIVED: { description: 'Filed in the complaint records (投诉档案).' },
    WITHDRAWN: { description: 'The customer withdrew the complaint; the procedure ended that day.' },
  },
});
registerEnumType(ComplaintRemedy, {
  name: 'ComplaintRemedy',
  description: 'A remedy the decision tells the customer is open to them.',
  valuesConfig: {
    REVIEW: { description: '核实: review by the next-higher institution, on request within 30 days of the decision.' },
    MEDIATION: { description: '调解: mediation.' },
    ARBITRATION: { description: '仲裁: arbitration.' },
    LITIGATION: { description: '诉讼: litigation.' },
  },
});
registerEnumType(ComplaintCodeAxis, {
  name: 'ComplaintCodeAxis',
  description: 'The three classification axes of JR/T 0169-2018: (A) CHANNEL, (B) BUSINESS type, (C) CAUSE.',
});
