import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Provider as UrqlProvider } from 'urql';
import { createHubClient, graphqlWsUrl } from './hub-client.js';
import { LiveFeed, LiveQueries, type LiveNotification, type LiveSnapshot } from './live.js';
import type { Viewer } from './types.js';
import { SESSION_ME_QUERY } from './session.query.js';

const TOKEN_KEY = 'hub.token';
const VIEWER_KEY = 'hub.viewer';

/** Why the sign-in page is shown again. */
export type SignOutReason = 'manual' | 'expired';

interface Session {
  token: string | null;
  viewer: Viewer | null;
  signOutReason: SignOutReason | null;
  signIn: (token: string, viewer: Viewer) => void;
  signOut: (reason?: SignOutReason) => void;
  setViewer: (viewer: Viewer) => void;
  live: LiveFeed | null;
  liveQueries: LiveQueries | null;
}

const SessionContext = createContext<Session | null>(null);

function readViewer(): Viewer | null {
  try {
    return JSON.parse(sessionStorage.getItem(VIEWER_KEY) ?? 'null') as Viewer | null;
  } catch {
    return null;
  }
}

/**
 * The sign-in of this tab (kept in sessionStorage, gone when the tab closes), its urql client and
 * its live feed. Signing in or out builds a fresh client, so that no cached data crosses users.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const [viewer, setViewerState] = useState<Viewer | null>(() => (sessionStorage.getItem(TOKEN_KEY) ? readViewer() : null));
  const [signOutReason, setSignOutReason] = useState<SignOutReason | null>(null);

  const setViewer = useCallback((v: Viewer) => {
    sessionStorage.setItem(VIEWER_KEY, JSON.stringify(v));
    setViewerState(v);
  }, []);
  const signIn = useCallback(
    (t: string, v: Viewer) => {
      sessionStorage.setItem(TOKEN_KEY, t);
      setViewer(v);
      setSignOutReason(null);
      setToken(t);
    },
    [setViewer],
  );
  const signOut = useCallback((reason: SignOutReason = 'manual') => {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(VIEWER_KEY);
    setSignOutReason(reason);
    setToken(null);
    setViewerState(null);
  }, []);

  const mustChange = !!viewer?.mustChangePassword;
  const { client, live, liveQueries } = useMemo(() => {
    const liveQueries = token ? new LiveQueries() : null;
    const client = createHubClient({
      token,
      live: liveQueries ?? undefined,
      onSignedOut: () => signOut('expired'),
      onPasswordChange: () => setViewerState((v) => (v ? { ...v, mustChangePassword: true } : v)),
    });
    const live =
      token && liveQueries && !mustChange
        ? new LiveFeed({
            url: graphqlWsUrl(),
            token,
            queries: liveQueries,
            checkSignIn: async () => {
              const r = await client.query(SESSION_ME_QUERY, {}, { requestPolicy: 'network-only' }).toPromise();
              return !!r.data?.me;
            },
          })
        : null;
    return { client, live, liveQueries };
  }, [token, mustChange, signOut]);

  useEffect(() => {
    live?.start();
    return () => live?.stop();
  }, [live]);

  const value = useMemo<Session>(
    () => ({ token, viewer, signOutReason, signIn, signOut, setViewer, live, liveQueries }),
    [token, viewer, signOutReason, signIn, signOut, setViewer, live, liveQueries],
  );
  return (
    <SessionContext.Provider value={value}>
      <UrqlProvider value={client}>{children}</UrqlProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user; only inside the signed-in shell. */
export function useViewer(): Viewer {
  const { viewer } = useSession();
  if (!viewer) throw new Error('useViewer without a sign-in');
  return viewer;
}

const OFFLINE: LiveSnapshot = { connection: 'offline', lastCursor: null, recent: [] };
const noop = () => () => undefined;

/** The live feed's state: connection, last cursor, recent events. */
export function useLiveSnapshot(): LiveSnapshot {
  const { live } = useSession();
  return useSyncExternalStore(live ? live.subscribe : noop, live ? live.getSnapshot : () => OFFLINE);
}

/** Calls `listener` for every new notification of the viewer while mounted. */
export function useLiveNotifications(listener: (n: LiveNotification) => void): void {
  const { live } = useSession();
  useEffect(() => (live ? live.onNotification(listener) : undefined), [live, listener]);
}
