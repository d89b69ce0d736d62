import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useQuery } from 'urql';
import type { ComplaintCodeAxis } from '../../gql/graphql.js';
import { COMPLAINT_CODES_QUERY } from './complaint-codes.query.js';

interface Props {
  id?: string;
  axis: ComplaintCodeAxis;
  value?: string;
  onChange?: (code: string) => void;
  style?: React.CSSProperties;
}

interface Node {
  value: string;
  title: string;
  children: Node[];
}

/** One axis of the JR/T 0169-2018 code table as a tree, searchable by code or name (the admin may extend the table). */
export function ComplaintCodePicker({ id, axis, value, onChange, style }: Props) {
  const [{ data, fetching }] = useQuery({ query: COMPLAINT_CODES_QUERY, requestPolicy: 'cache-first' });
  const tree = useMemo(() => {
    const codes = (data?.complaintCodes ?? []).filter((c) => c.axis === axis);
    const nodes = new Map<string, Node>(codes.map((c) => [c.code, { value: c.code, title: `${c.code} ${c.name}`, children: [] }]));
    const roots: Node[] = [];
    for (const c of codes) {
      const parent = c.parentCode ? nodes.get(c.parentCode) : undefined;
      (parent ? parent.children : roots).push(nodes.get(c.code)!);
    }
    return roots;
  }, [data, axis]);
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={onChange}
      treeData={tree}
      loading={fetching}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
      style={{ width: 320, ...style }}
    />
  );
}
