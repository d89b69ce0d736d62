import type { ReactNode } from 'react';

/** The page's one heading, a line under it, and its main buttons. */
export function PageHeader({ title, sub, extra }: { title: ReactNode; sub?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="hub-page-header">
      <div>
        <h1>{title}</h1>
        {sub ? <div className="hub-page-sub">{sub}</div> : null}
      </div>
      {extra ? <div className="hub-no-print">{extra}</div> : null}
    </div>
  );
}
