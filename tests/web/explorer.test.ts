import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHub, type TestHub } from '../utils/hub.js';
import { demoIds, recordFeedback } from '../utils/fixtures.js';
import { sharedWebBuild } from './utils/build-web.js';
import { browserAvailable, openBrowser, type Browser } from './utils/browser.js';

const RUN = browserAvailable('API explorer (tests/web/explorer.test.ts)');

const pageOf = (hub: TestHub, path: string, accept = 'text/html,application/xhtml+xml,*/*;q=0.8') =>
  fetch(hub.url.replace(/\/graphql$/, path), { headers: { accept } });

/** What a Monaco editor shows (it draws spaces as no-break spaces). */
const shown = (page: Page, selector: string) =>
  page
    .locator(selector)
    .innerText()
    .then((t) => t.replace(/\u00a0/g, ' '));

/** Replaces a Monaco editor's text as a person would: select all, then type (pasted, so no auto-closing). */
async function replaceText(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(`${selector} .monaco-editor .view-lines`).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

describe('the API explorer over HTTP', () => {
  let dev: TestHub;
  let prod: TestHub;

  beforeAll(async () => {
    const webDist = await sharedWebBuild();
    [dev, prod] = await Promise.all([
      startHub({ demo: { feedback: 20, contacts: 10 }, env: { WEB_DIST: webDist } }),
      startHub({ demo: { feedback: 20, contacts: 10 }, env: { WEB_DIST: webDist, NODE_ENV: 'production' } }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([dev?.stop(), prod?.stop()]);
  });

  it('is the page of /graphql and /explorer for a browser outside production, with a same-origin policy', async () => {
    for (const path of ['/graphql', '/explorer']) {
      const res = await pageOf(dev, path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(await res.text()).toContain('<title>API 浏览器 / API explorer');
    }
    // An API client's GET still reaches the API (which asks for a CSRF-safe request), not the page.
    const api = await pageOf(dev, '/graphql?query=%7B__typename%7D', 'application/json');
    expect(api.headers.get('content-type')).toMatch(/json/);
  });

  it('is not served in production, where /graphql stays the API', async () => {
    for (const path of ['/graphql', '/explorer', '/explorer.html']) {
      const res = await pageOf(prod, path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('<html');
    }
    const token = await prod.login('coordinator');
    expect((await prod.gql(token, '{ me { username } }')).data).toEqual({ me: { username: 'coordinator' } });
  });
});

describe.skipIf(!RUN)('the API explorer in a browser', () => {
  let hub: TestHub;
  let base: string;
  let browser: Browser;
  /** Every URL the page asked for (pages, workers, sockets), and what the browser refused to load. */
  const requested: string[] = [];
  const refused: string[] = [];

  beforeAll(async () => {
    const webDist = await sharedWebBuild();
    hub = await startHub({ demo: { feedback: 50, contacts: 50 }, env: { WEB_DIST: webDist } });
    base = hub.url.replace(/\/graphql$/, '');
    browser = await openBrowser();
    // A request for another host is recorded and never leaves the machine.
    await browser.context.route('**/*', async (route) => {
      requested.push(route.request().url());
      if (new URL(route.request().url()).origin === base) await route.continue();
      else await route.abort('blockedbyclient');
    });
    browser.context.on('request', (r) => requested.push(r.url()));
    browser.page.on('websocket', (ws) => requested.push(ws.url()));
    browser.page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await hub?.stop();
  });

  it('loads only from the hub, and runs a query with the token given in the headers', async () => {
    const { page, pageErrors } = browser;
    await page.goto(`${base}/graphql`);
    expect(await page.title()).toBe('API 浏览器 / API explorer · VOC Hub');
    await page.locator('.graphiql-container').waitFor();
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    // The editor's language service: the schema arrived (introspection) and Monaco's workers run.
    await expect.poll(() => requested.some((u) => /graphql\.worker-[\w-]+\.js$/.test(u)), { timeout: 15_000 }).toBe(true);

    // Without a token, `me` is nobody.
    await page.getByRole('button', { name: /Execute query/ }).click();
    await expect.poll(() => shown(page, '.graphiql-response'), { timeout: 10_000 }).toMatch(/"me": null/);

    await replaceText(
      page,
      '.graphiql-editor-tool .graphiql-editor:not(.hidden)',
      `{ "Authorization": "Bearer ${await hub.login('coordinator')}" }`,
    );
    await page.getByRole('button', { name: /Execute query/ }).click();
    await expect.poll(() => shown(page, '.graphiql-response'), { timeout: 10_000 }).toMatch(/"username": "coordinator"/);

    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('follows a subscription over graphql-ws at the same path', async () => {
    const { page } = browser;
    await replaceText(page, '.graphiql-query-editor', 'subscription Live { hubEvents { type feedbackId } }');
    // GraphiQL reads the operation after a pause in typing; its tab then bears the operation's name.
    await page.locator('.graphiql-tab', { hasText: 'Live' }).waitFor();
    await page.getByRole('button', { name: /Execute query/ }).click();
    await expect.poll(() => requested.some((u) => u === `${base.replace(/^http/, 'ws')}/graphql`)).toBe(true);
    const ids = await demoIds(hub, await hub.login('analyst'));
    const agent = await hub.login('agent');
    // The socket may still be signing in when the first item is recorded: record until one shows.
    const recorded: string[] = [];
    await expect
      .poll(
        async () => {
          recorded.push(
            await recordFeedback(hub, agent, {
              branchId: ids.branch.SH!,
              categoryId: ids.category.CREDIT_CARD!,
              text: '浏览器里订阅到的反馈',
            }),
          );
          const text = await shown(page, '.graphiql-response');
          return recorded.some((id) => text.includes(`"feedbackId": "${id}"`));
        },
        { timeout: 15_000, interval: 1_000 },
      )
      .toBe(true);
    expect(await shown(page, '.graphiql-response')).toContain('"type": "FEEDBACK_RECORDED"');
  }, 60_000);

  it('asked for nothing outside the hub, and the browser refused nothing', () => {
    expect(requested.length).toBeGreaterThan(5);
    expect(requested.filter((u) => new URL(u).host !== new URL(base).host)).toEqual([]);
    expect(requested.filter((u) => !/^(https?|wss?):/.test(u) && !u.startsWith('data:'))).toEqual([]);
    expect(refused).toEqual([]);
  });
});
