import { Select } from 'antd';
import { useQuery } from 'urql';
import { useI18n } from '../../lib/i18n.js';
import { PEOPLE_QUERY } from './person-picker.query.js';

interface Props {
  id?: string;
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** People of this branch come first (the branch complained about handles its case). */
  preferBranchId?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}

/** A person of the bank, searchable by name or username, shown with their branch or department. */
export function PersonPicker({ id, value, onChange, preferBranchId, allowClear, style }: Props) {
  const { te } = useI18n();
  const [{ data, fetching }] = useQuery({ query: PEOPLE_QUERY, requestPolicy: 'cache-first' });
  const people = [...(data?.users ?? [])].sort((a, b) => Number(b.branch?.id === preferBranchId) - Number(a.branch?.id === preferBranchId));
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      allowClear={allowClear}
      loading={fetching}
      showSearch={{ optionFilterProp: ['label', 'username'] }}
      options={people.map((u) => ({
        value: u.id,
        username: u.username,
        label: `${u.displayName}（${te('Role', u.role)} · ${u.department?.name ?? u.branch?.name ?? u.username}）`,
      }))}
      style={{ width: 320, ...style }}
    />
  );
}
