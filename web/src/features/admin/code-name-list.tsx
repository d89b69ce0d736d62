import type { ReactNode } from 'react';
import { Button, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';

interface Props<R> {
  rows: readonly R[];
  /** The button above the table that adds an entry. */
  addLabel: string;
  onAdd: () => void;
  onEdit: (row: R) => void;
  /** More operations after Edit. */
  more?: (row: R) => ReactNode;
  /** Columns between the name and the operations. */
  columns?: TableColumnsType<R>;
  widths: { code: number; name?: number; operations: number };
}

/** A list of organisation entries by code and name (departments, categories), each editable, with a button to add one. */
export function CodeNameList<R extends { id: string; code: string; name: string }>({
  rows,
  addLabel,
  onAdd,
  onEdit,
  more,
  columns = [],
  widths,
}: Props<R>) {
  const { t } = useI18n();
  const edit = (row: R) => (
    <Button size="small" onClick={() => onEdit(row)}>
      {t('common.edit')}
    </Button>
  );
  return (
    <>
      <Button icon={<PlusOutlined />} style={{ marginBottom: 8 }} onClick={onAdd}>
        {addLabel}
      </Button>
      <Table<R>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('org.code'), dataIndex: 'code', width: widths.code },
          { title: t('org.name'), dataIndex: 'name', width: widths.name },
          ...columns,
          {
            title: t('common.operations'),
            width: widths.operations,
            render: (_, row) =>
              more ? (
                <Space size={4}>
                  {edit(row)}
                  {more(row)}
                </Space>
              ) : (
                edit(row)
              ),
          },
        ]}
      />
    </>
  );
}
