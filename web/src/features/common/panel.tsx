import type { ReactNode } from 'react';

/** A titled box, lighter than antd's Card (which brings Tabs along): used where bytes count. */
export function Panel({
  title,
  extra,
  children,
  testId,
  style,
}: {
  title?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
  style?: React.CSSProperties;
}) {
  return (
    <section className="hub-panel" data-testid={testId} style={style}>
      {(title || extra) && (
        <header>
          {title ? <h2 className="hub-card-title">{title}</h2> : <span />}
          {extra}
        </header>
      )}
      <div className="hub-panel-body">{children}</div>
    </section>
  );
}
