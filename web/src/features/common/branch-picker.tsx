import { TreeSelect } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useReference } from '../../lib/reference.js';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** The organisation tree, searchable by name: 总行 → 分行 → 支行 → 网点. */
export function BranchPicker({ id, value, onChange, placeholder, allowClear, style, ...rest }: Props) {
  const { t } = useI18n();
  const { tree, fetching } = useReference();
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={tree}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll={false}
      treeDefaultExpandedKeys={tree.map((n) => n.key)}
      loading={fetching}
      allowClear={allowClear}
      placeholder={placeholder ?? t('picker.branch')}
      style={{ minWidth: 180, ...style }}
      popupMatchSelectWidth={false}
      aria-label={rest['aria-label']}
    />
  );
}
