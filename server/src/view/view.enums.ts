import { registerEnumType } from 'type-graphql';
import { enumOf } from '../core/enum.js';
import { VIEW_LISTS } from './view.table.js';

export const ViewList = enumOf(VIEW_LISTS);
registerEnumType(ViewList, {
  name: 'ViewList',
  description: 'A list whose filters can be saved as views and exported: the feedback inbox, the problem board, the linkage actions.',
});
