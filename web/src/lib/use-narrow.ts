import { useEffect, useState } from 'react';

/** Below this width the branch's pages lay out for a phone: cards instead of wide tables. */
export const NARROW_QUERY = '(max-width: 767px)';

/**
 * Whether the screen is a phone's (390 px wide and the like), kept up to date as it turns. Read
 * from matchMedia at once, so the first paint already has the phone's layout (no wide table that
 * flashes and overflows first).
 */
export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => typeof window !== 'undefined' && window.matchMedia(NARROW_QUERY).matches);
  useEffect(() => {
    const mq = window.matchMedia(NARROW_QUERY);
    const on = () => setNarrow(mq.matches);
    on();
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return narrow;
}
