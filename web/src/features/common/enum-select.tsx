import { Select } from 'antd';
import { useI18n } from '../../lib/i18n.js';

interface Props {
  id?: string;
  enumName: string;
  values: readonly string[];
  value?: string | string[] | null;
  onChange?: (value: any) => void;
  multiple?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** A select over one of the contract's enums, labelled in the current language. */
export function EnumSelect({ id, enumName, values, value, onChange, multiple, placeholder, allowClear, style, ...rest }: Props) {
  const { te } = useI18n();
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={value ?? undefined}
      onChange={onChange}
      options={values.map((v) => ({ value: v, label: te(enumName, v) }))}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      allowClear={allowClear}
      maxTagCount="responsive"
      style={{ minWidth: 120, ...style }}
      aria-label={rest['aria-label']}
    />
  );
}
