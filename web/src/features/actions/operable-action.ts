import type { LinkageTableActionFragment } from '../../gql/graphql.js';

/** What the buttons and their dialogs read of an action (a row of LinkageTable_Action, problems/linkage-table.query.ts). */
export type OperableAction = Pick<
  LinkageTableActionFragment,
  'id' | 'title' | 'status' | 'version' | 'dueAt' | 'branch' | 'department' | 'extension' | 'updates'
>;
