import { useCallback } from 'react';
import type { FormInstance } from 'antd';
import { useMutation, type AnyVariables, type TypedDocumentNode } from 'urql';
import { describeError, type HubError } from './errors.js';
import { useI18n } from './i18n.js';
import { useSession } from './session.js';
import { formatDateTime } from './format.js';
import { alertDialog, toast } from './notify.js';

export interface RunOptions {
  /** A form to show a BAD_USER_INPUT next to the field it names. */
  form?: FormInstance;
  /** Said when it worked. */
  success?: string;
  /** The problem the change is about: a CONFLICT then tells what changed it. */
  problemId?: string;
}

export type RunResult<Data> = { ok: true; data: Data } | { ok: false; error: HubError };

/**
 * useMutation with the hub's error handling: field errors next to their field, CONFLICT as
 * "someone changed this meanwhile" with the fresh state fetched, everything else in plain words.
 * Takes a typed document (`graphql()` from src/gql): its result and variables are the schema's.
 */
export function useHubMutation<Data, Vars extends AnyVariables>(query: TypedDocumentNode<Data, Vars>) {
  const [state, execute] = useMutation<Data, Vars>(query);
  const { t, te } = useI18n();
  const { live, liveQueries } = useSession();

  const run = useCallback(
    async (variables: Vars, options: RunOptions = {}): Promise<RunResult<Data>> => {
      const result = await execute(variables);
      if (!result.error && result.data) {
        if (options.success) toast.success(options.success);
        return { ok: true, data: result.data };
      }
      const error = result.error ? describeError(result.error, t) : ({ code: 'UNKNOWN', message: t('error.UNKNOWN') } satisfies HubError);
      if (error.code === 'CONFLICT' || error.code === 'INVALID_TRANSITION') {
        // Here is the new state: every live query on screen refetches, the form keeps what was typed.
        liveQueries?.refetchAll();
        const latest = options.problemId ? live?.getSnapshot().recent.find((e) => e.problem?.id === options.problemId) : undefined;
        alertDialog({
          title: t(error.code === 'CONFLICT' ? 'error.CONFLICT.title' : 'error.INVALID_TRANSITION.title'),
          content: latest
            ? `${error.message} ${t('error.CONFLICT.latest', {
                who: latest.actor?.displayName ?? t('common.system'),
                what: te('HubEventType', latest.type),
                when: formatDateTime(latest.at),
              })}`
            : error.message,
        });
      } else if (error.field && options.form) {
        options.form.setFields([{ name: error.field as never, errors: [error.fieldMessage ?? error.message] }]);
        if (options.form.getFieldInstance(error.field as never) !== undefined) options.form.scrollToField(error.field as never);
        else toast.error(`${error.message}${error.fieldMessage ?? ''}`);
      } else {
        toast.error(error.fieldMessage ? `${error.message}${error.fieldMessage}` : error.message);
      }
      return { ok: false, error };
    },
    [execute, t, te, live, liveQueries],
  );
  return { run, fetching: state.fetching };
}
