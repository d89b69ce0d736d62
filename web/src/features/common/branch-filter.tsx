import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { LazyBranchPicker } from './lazy-branch-picker.js';

/**
 * A page's branch filter: all branches until one is picked. A branch manager sees their own branch
 * only (the server scopes it), so for them there is nothing to pick.
 */
export function BranchFilter({ value, onChange }: { value: string | undefined; onChange: (branchId: string | undefined) => void }) {
  const { t } = useI18n();
  const viewer = useViewer();
  if (viewer.role === 'BRANCH_MANAGER') return null;
  return (
    <LazyBranchPicker
      value={value}
      onChange={onChange}
      allowClear
      placeholder={t('dashboard.allBranches')}
      aria-label={t('picker.branch')}
    />
  );
}
