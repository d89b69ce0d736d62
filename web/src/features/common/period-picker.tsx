import { Segmented } from 'antd';
import { useI18n } from '../../lib/i18n.js';

/** The periods a page may offer, each with its label (`period.<name>`). */
export type PeriodName = 'today' | 'week' | 'month' | 'quarter' | 'half' | 'year';

/** Picks the period a page counts over, among the ones it offers. */
export function PeriodPicker<P extends PeriodName>({
  value,
  onChange,
  periods,
}: {
  value: P;
  onChange: (p: P) => void;
  periods: readonly P[];
}) {
  const { t } = useI18n();
  return (
    <Segmented<P>
      value={value}
      onChange={onChange}
      options={periods.map((p) => ({ value: p, label: t(`period.${p}`) }))}
      aria-label={t('period.label')}
    />
  );
}
