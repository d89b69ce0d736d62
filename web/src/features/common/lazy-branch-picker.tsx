import { lazy, Suspense } from 'react';
import type { ComponentProps } from 'react';
import type { BranchPicker as Picker } from './branch-picker.js';

const BranchPicker = lazy(async () => ({ default: (await import('./branch-picker.js')).BranchPicker }));

/** The branch picker, loaded after the page's first paint (a tree select is heavy and a filter can wait). */
export function LazyBranchPicker(props: ComponentProps<typeof Picker>) {
  return (
    <Suspense fallback={<span style={{ display: 'inline-block', width: 180 }} />}>
      <BranchPicker {...props} />
    </Suspense>
  );
}
