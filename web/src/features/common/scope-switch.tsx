import { Segmented } from 'antd';

/**
 * The switch between a list page's scopes (open work, all, …), labelled in the order given: one
 * control so every work list offers its scopes the same way.
 */
export function ScopeSwitch<S extends string>({
  value,
  onChange,
  label,
  options,
}: {
  value: S;
  onChange: (scope: S) => void;
  label: string;
  options: readonly { value: S; label: string }[];
}) {
  return <Segmented<S> value={value} onChange={onChange} options={[...options]} aria-label={label} />;
}
