import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from 'urql';
import { useI18n } from '../../lib/i18n.js';
import type { ProblemStatus } from '../../lib/types.js';
import { PROBLEM_PICKER_QUERY } from './problem-picker.query.js';
import type { ProblemPickerSearchQuery } from '../../gql/graphql.js';

export type PickedProblem = ProblemPickerSearchQuery['problems']['edges'][number]['node'];

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string, problem: PickedProblem | undefined) => void;
  statuses: readonly ProblemStatus[];
  excludeId?: string;
}

/** Finds a problem by code, title or feedback text. */
export function ProblemPicker({ id, value, onChange, statuses, excludeId }: Props) {
  const { t, te } = useI18n();
  const [search, setSearch] = useState('');
  const [{ data, fetching }] = useQuery({
    query: PROBLEM_PICKER_QUERY,
    variables: { filter: { status: [...statuses], search: search.trim() || undefined } },
  });
  const problems = (data?.problems.edges ?? []).map((e) => e.node).filter((p) => p.id !== excludeId);
  return (
    <Select
      id={id}
      value={value}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onChange={(v: string) =>
        onChange?.(
          v,
          problems.find((p) => p.id === v),
        )
      }
      loading={fetching}
      placeholder={t('picker.problem')}
      notFoundContent={fetching ? t('common.loading') : t('common.none')}
      options={problems.map((p) => ({ value: p.id, label: `${p.code} ${p.title}（${te('ProblemStatus', p.status)}）` }))}
      style={{ width: '100%' }}
    />
  );
}
