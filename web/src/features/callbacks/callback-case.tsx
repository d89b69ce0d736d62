import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import type { CallbackRowCallbackFragment } from '../../gql/graphql.js';

/** The customer's complaint case, linked, with its state (HANDLING again after a dissatisfied callback). */
export function CallbackCase({ c }: { c: CallbackRowCallbackFragment['complaintCase'] }) {
  const { t, te } = useI18n();
  if (!c) return <span aria-hidden>—</span>;
  return (
    <Link to={`/complaints/${c.id}`} data-testid="callback-case" data-status={c.status}>
      {`${t('complaint.case')} · ${te('ComplaintStatus', c.status)}`}
    </Link>
  );
}
