import { Select } from 'antd';
import { useQuery } from 'urql';
import { useI18n } from '../../lib/i18n.js';
import { EXPERTS_QUERY } from './expert-picker.query.js';

interface Props {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  /** Departments the diagnosis proposed: their experts come first. */
  preferDepartments?: readonly string[];
}

/** Head-office experts, grouped by department, searchable by name. */
export function ExpertPicker({ id, value, onChange, preferDepartments = [] }: Props) {
  const { t } = useI18n();
  const [{ data, fetching }] = useQuery({ query: EXPERTS_QUERY, requestPolicy: 'cache-first' });
  const byDept = new Map<string, { label: string; options: { value: string; label: string }[] }>();
  for (const u of data?.users ?? []) {
    const key = u.department?.id ?? '-';
    const group = byDept.get(key) ?? { label: u.department?.name ?? '—', options: [] };
    group.options.push({ value: u.id, label: `${u.displayName}（${u.department?.name ?? u.username}）` });
    byDept.set(key, group);
  }
  const groups = [...byDept.entries()]
    .sort(([a], [b]) => Number(preferDepartments.includes(b)) - Number(preferDepartments.includes(a)))
    .map(([, g]) => g);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      options={groups}
      loading={fetching}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('picker.experts')}
      style={{ width: '100%' }}
    />
  );
}
