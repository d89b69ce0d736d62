import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHub, type TestHub } from '../utils/hub.js';
import { ok, tokens } from '../utils/fixtures.js';
import { sharedWebBuild } from './utils/build-web.js';
import { browserAvailable, openBrowser, signIn, type Browser } from './utils/browser.js';
import { seriousViolations } from './utils/axe.js';

const RUN = browserAvailable('accessibility (tests/web/accessibility.test.ts)');

/** Waits for a page to settle: its heading drawn, its data and charts loaded. */
async function settle(page: Page, path: string): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle').catch(() => undefined);
  if (/dashboard|reports/.test(path)) await page.locator('canvas').first().waitFor({ timeout: 10_000 });
  await page.waitForTimeout(300);
}

/** The main pages of every role, checked with axe-core: no serious or critical violation. */
describe.skipIf(!RUN)('accessibility of the main pages', () => {
  let hub: TestHub;
  let base: string;
  const ids: Record<string, string> = {};
  const browsers = new Map<string, Browser>();

  beforeAll(async () => {
    const webDist = await sharedWebBuild();
    hub = await startHub({ demo: { feedback: 400, contacts: 400 }, env: { WEB_DIST: webDist } });
    base = hub.url.replace(/\/graphql$/, '');
    const tok = await tokens(hub);
    const byStatus = async (status: string) =>
      ok(await hub.gql(tok.coordinator!, `{ problems(filter: { status: [${status}] }, first: 1) { edges { node { id } } } }`)).problems
        .edges[0]?.node.id as string;
    ids.open = await byStatus('OPEN');
    ids.remediating = await byStatus('REMEDIATING');
    const consulting = ok(
      await hub.gql(
        tok.coordinator!,
        '{ problems(filter: { status: [IN_CONSULTATION] }, first: 50) { edges { node { id consultation { experts { username } } } } } }',
      ),
    ).problems.edges.find((e: any) => e.node.consultation.experts.some((x: any) => x.username === 'expert.card'));
    ids.consulting = consulting?.node.id ?? (await byStatus('IN_CONSULTATION'));
  }, 120_000);

  afterAll(async () => {
    for (const b of browsers.values()) await b.close().catch(() => undefined);
    await hub?.stop();
  });

  async function pageOf(user: string): Promise<Page> {
    let b = browsers.get(user);
    if (!b) {
      b = await openBrowser();
      browsers.set(user, b);
      await signIn(b.page, base, user);
    }
    return b.page;
  }

  it('the sign-in page', async () => {
    const b = await openBrowser();
    try {
      await b.page.goto(base + '/');
      await b.page.getByLabel('用户名').waitFor();
      expect(await seriousViolations(b.page)).toEqual([]);
    } finally {
      await b.close();
    }
  }, 60_000);

  const pages: [string, string, () => string][] = [
    ['agent', 'record feedback', () => '/feedback/new'],
    ['analyst', 'feedback inbox', () => '/inbox'],
    ['analyst', 'suggested problems', () => '/suggestions'],
    ['analyst', 'knowledge base', () => '/knowledge'],
    ['analyst', 'problem board', () => '/problems'],
    ['analyst', 'problem page with the diagnosis form', () => `/problems/${ids.open}`],
    ['coordinator', 'live dashboard', () => '/dashboard'],
    ['coordinator', 'coordination desk', () => '/desk'],
    ['coordinator', 'problem page with the linkage table', () => `/problems/${ids.remediating}`],
    ['coordinator', 'monthly VOC report', () => '/reports/voc'],
    ['coordinator', 'loop performance', () => '/reports/performance'],
    ['expert.card', 'my consultations', () => '/consultations'],
    ['expert.card', 'opinion page', () => `/consultations/${ids.consulting}`],
    ['bm.sh', 'branch linkage table', () => '/actions'],
    ['admin', 'users', () => '/admin/users'],
    ['admin', 'organisation', () => '/admin/org'],
    ['bm.sh', 'daily digest', () => '/digest'],
    ['coordinator', 'outbound notifications', () => '/account/outbound'],
    ['admin', 'outbound and webhooks', () => '/admin/outbound'],
  ];

  it.each(pages)(
    '%s: %s',
    async (user, _name, path) => {
      const page = await pageOf(user);
      await page.goto(base + path());
      await settle(page, path());
      expect(await seriousViolations(page)).toEqual([]);
    },
    60_000,
  );
});
