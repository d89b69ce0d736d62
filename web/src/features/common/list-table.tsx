import { Table, type TableColumnsType } from 'antd';

/** Rows a list page shows before it pages them: the live lists ask for 100 and page at 50. */
const PAGE = 50;

/**
 * A list of records as a small table in the server's order, paged only when longer than a page,
 * overdue rows marked (hub-row-overdue): the shape every work list (callbacks, complaint cases) shares.
 */
export function ListTable<T extends { id: string }>({
  rows,
  loading,
  testId,
  emptyText,
  overdue,
  columns,
}: {
  rows: readonly T[];
  loading?: boolean;
  testId: string;
  emptyText: string;
  overdue: (row: T) => boolean;
  columns: TableColumnsType<T>;
}) {
  return (
    <Table<T>
      data-testid={testId}
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={[...rows]}
      pagination={rows.length > PAGE ? { pageSize: PAGE, showSizeChanger: false } : false}
      locale={{ emptyText }}
      rowClassName={(row) => (overdue(row) ? 'hub-row-overdue' : '')}
      columns={columns}
    />
  );
}
