import { registerEnumType } from 'type-graphql';
import { enumOf } from '../core/enum.js';

export const BranchLevel = enumOf(['HEAD_OFFICE', 'BRANCH', 'SUB_BRANCH', 'OUTLET'] as const);
registerEnumType(BranchLevel, { name: 'BranchLevel', description: '总行 → 分行 → 支行 → 网点.' });
