import { TreeSelect } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useReference, type TreeNode } from '../../lib/reference.js';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
  /** Only this branch and its subtree (a branch manager's scope); the whole tree when absent. */
  within?: string;
}

/** The node of `id` in the tree, with its subtree; null when absent. */
function subtreeOf(nodes: readonly TreeNode[], id: string): TreeNode | null {
  for (const n of nodes) {
    if (n.key === id) return n;
    const found = subtreeOf(n.children ?? [], id);
    if (found) return found;
  }
  return null;
}

/** The organisation tree, searchable by name: 总行 → 分行 → 支行 → 网点. */
export function BranchPicker({ id, value, onChange, placeholder, allowClear, style, within, ...rest }: Props) {
  const { t } = useI18n();
  const { tree: whole, fetching } = useReference();
  const root = within ? subtreeOf(whole, within) : null;
  const tree = within ? (root ? [root] : []) : whole;
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
