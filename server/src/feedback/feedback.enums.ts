import { registerEnumType } from 'type-graphql';
import { enumOf } from '../core/enum.js';
import { FEEDBACK_KINDS, CHANNELS } from './feedback.table.js';

export const FeedbackKind = enumOf(FEEDBACK_KINDS);
export const Channel = enumOf(CHANNELS);
registerEnumType(FeedbackKind, { name: 'FeedbackKind', description: '赞扬之声 / 问题之声 / 建议之声.' });
registerEnumType(Channel, { name: 'Channel', description: 'Where the customer spoke.' });
