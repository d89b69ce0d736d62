import { Select } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useReference } from '../../lib/reference.js';

interface Props {
  id?: string;
  value?: string | string[] | null;
  onChange?: (value: any) => void;
  multiple?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** Head-office departments (总行部室). */
export function DepartmentPicker({ id, value, onChange, multiple, style, ...rest }: Props) {
  const { t } = useI18n();
  const { departments, fetching } = useReference();
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={value ?? undefined}
      onChange={onChange}
      options={departments.map((d) => ({ value: d.id, label: d.name, code: d.code }))}
      showSearch={{ optionFilterProp: ['label', 'code'] }}
      loading={fetching}
      placeholder={t('picker.department')}
      style={{ minWidth: 160, ...style }}
      allowClear
      aria-label={rest['aria-label']}
    />
  );
}
