import { Select } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { enumValues } from '../../lib/translate.js';
import type { EnumName, HubEnums } from '../../lib/enums.js';

interface Props<E extends EnumName> {
  id?: string;
  enumName: E;
  /** The values offered; all of the enum's, in its order, unless told. */
  values?: readonly HubEnums[E][];
  value?: string | string[] | null;
  onChange?: (value: any) => void;
  multiple?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** A select over one of the contract's enums, labelled in the current language. */
export function EnumSelect<E extends EnumName>({
  id,
  enumName,
  values = enumValues(enumName),
  value,
  onChange,
  multiple,
  placeholder,
  allowClear,
  style,
  ...rest
}: Props<E>) {
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
