import { useEffect, useRef, useState } from 'react';
import { DatePicker, Input, Segmented, Space } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../lib/i18n.js';
import type { Channel, FeedbackKind } from '../../lib/types.js';
import { BranchPicker } from '../common/branch-picker.js';
import { CategoryPicker } from '../common/category-picker.js';
import { EnumSelect } from '../common/enum-select.js';

export interface InboxFilter {
  unassigned: boolean;
  kind?: FeedbackKind[];
  channel?: Channel[];
  categoryId?: string;
  branchId?: string;
  from?: string;
  to?: string;
  search?: string;
}

/** The inbox's filters; `/` jumps to the search box. */
export function InboxFilters({ value, onChange }: { value: InboxFilter; onChange: (f: InboxFilter) => void }) {
  const { t } = useI18n();
  const searchRef = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key === '/' && !['INPUT', 'TEXTAREA'].includes(target.tagName) && !target.isContentEditable) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const set = (patch: Partial<InboxFilter>) => onChange({ ...value, ...patch });
  // The box follows the filter when a saved view sets it, and keeps what is being typed otherwise.
  const [searchText, setSearchText] = useState(value.search ?? '');
  useEffect(() => setSearchText(value.search ?? ''), [value.search]);
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Segmented<'unassigned' | 'all'>
        value={value.unassigned ? 'unassigned' : 'all'}
        onChange={(v) => set({ unassigned: v === 'unassigned' })}
        options={[
          { value: 'unassigned', label: t('inbox.unassigned') },
          { value: 'all', label: t('inbox.all') },
        ]}
        aria-label={t('inbox.scope')}
      />
      <EnumSelect
        enumName="FeedbackKind"

        multiple
        value={value.kind}
        onChange={(v: FeedbackKind[]) => set({ kind: v.length ? v : undefined })}
        placeholder={t('feedback.kind')}
        aria-label={t('feedback.kind')}
        style={{ width: 160 }}
      />
      <EnumSelect
        enumName="Channel"

        multiple
        value={value.channel}
        onChange={(v: Channel[]) => set({ channel: v.length ? v : undefined })}
        placeholder={t('feedback.channel')}
        aria-label={t('feedback.channel')}
        style={{ width: 180 }}
      />
      <CategoryPicker value={value.categoryId} onChange={(v) => set({ categoryId: v })} allowClear aria-label={t('feedback.category')} />
      <BranchPicker value={value.branchId} onChange={(v) => set({ branchId: v })} allowClear aria-label={t('feedback.branch')} />
      <DatePicker.RangePicker
        value={[value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to).subtract(1, 'day') : null]}
        onChange={(r) =>
          set({
            from: r?.[0] ? r[0].startOf('day').toISOString() : undefined,
            to: r?.[1] ? r[1].startOf('day').add(1, 'day').toISOString() : undefined,
          })
        }
        aria-label={t('inbox.dateRange')}
      />
      <Input.Search
        ref={(r) => {
          searchRef.current = r?.input ?? null;
        }}
        allowClear
        value={searchText}
        onChange={(e) => setSearchText(e.target.value)}
        placeholder={t('inbox.searchHint')}
        onSearch={(s) => set({ search: s.trim() || undefined })}
        style={{ width: 240 }}
        aria-label={t('common.search')}
      />
    </Space>
  );
}
