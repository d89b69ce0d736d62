import type { ReactNode } from 'react';
import { Card, Segmented, Space } from 'antd';

/**
 * A work list's card (the callback queue, complaint cases, my actions): the switch between its
 * scopes (open work, all, …) in the order given, the page's own filters and count beside it, and the
 * list under them, so every work list offers its scopes the same way.
 */
export function ScopedListCard<S extends string>({
  scope,
  onScope,
  scopeLabel,
  scopes,
  tools,
  children,
}: {
  scope: S;
  onScope: (scope: S) => void;
  scopeLabel: string;
  scopes: readonly { value: S; label: string }[];
  tools?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card size="small">
      <Space style={{ marginBottom: 8 }} wrap>
        <Segmented<S> value={scope} onChange={onScope} options={[...scopes]} aria-label={scopeLabel} />
        {tools}
      </Space>
      {children}
    </Card>
  );
}
