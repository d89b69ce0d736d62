import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { LazyBranchPicker } from './lazy-branch-picker.js';

/**
 * A page's branch filter: all branches until one is picked. A branch manager sees their own branch
 * only (the server scopes it), so for them there is nothing to pick, unless the page asks for
 * `scoped`: then they pick within their own subtree (all of it until one is picked).
 */
export function BranchFilter({
  value,
  onChange,
  scoped,
}: {
  value: string | undefined;
  onChange: (branchId: string | undefined) => void;
  scoped?: boolean;
}) {
  const { t } = useI18n();
  const viewer = useViewer();
  const manager = viewer.role === 'BRANCH_MANAGER';
  if (manager && (!scoped || !viewer.branch)) return null;
  return (
    <LazyBranchPicker
      value={value}
      onChange={onChange}
      allowClear
      within={manager ? viewer.branch?.id : undefined}
      placeholder={manager ? t('picker.mySubtree') : t('dashboard.allBranches')}
      aria-label={t('picker.branch')}
    />
  );
}
