import { startHub, type TestHub } from '../../utils/hub.js';
import { demoIds, tokens, type DemoIds } from '../../utils/fixtures.js';
import { sharedWebBuild } from './build-web.js';
import { openBrowser, type Browser } from './browser.js';

/**
 * A hub serving the built web app, with the demo roles' tokens and ids, and the browsers a suite
 * opens on it: the setup every browser journey starts from, in one place.
 */
export interface WebHub {
  hub: TestHub;
  /** The app's origin (the hub's URL without /graphql). */
  base: string;
  tok: Record<string, string>;
  ids: DemoIds;
  /** The browsers opened so far, in order. */
  browsers: readonly Browser[];
  /** A fresh browser (its own profile), closed by stop(). */
  open(size?: { width: number; height: number }): Promise<Browser>;
  /** Closes every browser opened, then the hub. */
  stop(): Promise<void>;
}

export async function startWebHub(demo: { feedback: number; contacts: number }, env: Record<string, string> = {}): Promise<WebHub> {
  const webDist = await sharedWebBuild();
  const hub = await startHub({ demo, env: { WEB_DIST: webDist, ...env } });
  const tok = await tokens(hub);
  const ids = await demoIds(hub, tok.analyst!);
  const browsers: Browser[] = [];
  return {
    hub,
    base: hub.url.replace(/\/graphql$/, ''),
    tok,
    ids,
    browsers,
    async open(size) {
      const b = await openBrowser(size);
      browsers.push(b);
      return b;
    },
    async stop() {
      for (const b of browsers) await b.close().catch(() => undefined);
      await hub.stop();
    },
  };
}
