import type { KeyboardEvent } from 'react';

/**
 * For a date field inside a form: Enter confirms the date typed (the picker's own handling) and
 * goes no further, instead of also submitting the whole form under it, as a browser does for Enter
 * in any input of a form.
 */
export function keepEnterInField(e: KeyboardEvent): void {
  if (e.key === 'Enter') e.preventDefault();
}
