import { Select } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useReference } from '../../lib/reference.js';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** Business categories, searchable by name or code. */
export function CategoryPicker({ id, value, onChange, allowClear, style, ...rest }: Props) {
  const { t } = useI18n();
  const { categories, fetching } = useReference();
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={categories.map((c) => ({ value: c.id, label: c.name, code: c.code }))}
      showSearch={{ optionFilterProp: ['label', 'code'] }}
      loading={fetching}
      allowClear={allowClear}
      placeholder={t('picker.category')}
      style={{ minWidth: 140, ...style }}
      aria-label={rest['aria-label']}
    />
  );
}
