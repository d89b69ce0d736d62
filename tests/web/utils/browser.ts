import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../utils/hub.js';

/** Debian's Chromium (apt package `chromium`), or another one named by CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether the browser tests can run. Without Chromium they are skipped with a loud warning,
 * unless HUB_REQUIRE_SERVICES=1 (CI), where a missing browser is a failure.
 */
export function browserAvailable(suite: string): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.HUB_REQUIRE_SERVICES === '1') return true; // the suite's beforeAll fails loudly
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!!! SKIPPED: ${suite}\n!!! Chromium was not found at ${CHROMIUM} (apt install chromium, or set CHROMIUM_PATH).\n!!! The web app's browser tests did NOT run. Set HUB_REQUIRE_SERVICES=1 to make this a failure.\n${line}\n`,
  );
  return false;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page (a broken page fails the test that asserts none). */
  pageErrors: string[];
  close(): Promise<void>;
}

/** A fresh Chromium profile: one user's browser, separate from every other one's. */
export async function openBrowser(options: { width?: number; height?: number } = {}): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is required (HUB_REQUIRE_SERVICES=1) but missing at ${CHROMIUM}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voc-hub-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return {
    context,
    page,
    pageErrors,
    async close() {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the sign-in page, as a person would, and waits for the app's frame. */
export async function signIn(page: Page, baseUrl: string, username: string, path = '/'): Promise<void> {
  await page.goto(baseUrl + path);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.hub-shell').waitFor();
}

/** Marks the page so that a test can tell it was not reloaded since. */
export async function markPage(page: Page): Promise<void> {
  await page.evaluate('window.__hubMark = 1');
}

export async function stillMarked(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('window.__hubMark === 1');
}

/** Picks an option of an antd Select or TreeSelect by typing to search and pressing Enter. */
export async function choose(page: Page, field: ReturnType<Page['locator']>, text: string): Promise<void> {
  await field.click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible, .ant-select-tree:visible').first().waitFor();
  await page.keyboard.press('Enter');
}
