import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from '../utils/hub.js';
import { AxeBuilder } from '@axe-core/playwright';
import {
  conclude,
  demoIds,
  diagnose,
  ok,
  openProblem,
  problemInConsultation,
  recordFeedback,
  tokens,
  type DemoIds,
} from '../utils/fixtures.js';
import { PNG } from '../utils/evidence-files.js';
import { sharedWebBuild } from './utils/build-web.js';
import { browserAvailable, openBrowser, signIn, type Browser } from './utils/browser.js';

/** What the test reads of an <img> in the page (the tests' TypeScript has no DOM types). */
interface ImageLike {
  complete: boolean;
  naturalWidth: number;
}

const RUN = browserAvailable('evidence journeys (tests/web/evidence.test.ts)');

/**
 * Evidence in real browsers against a real hub (issue 18): the branch manager attaches a photo in
 * the action's submit dialog, sees its preview (an authorised blob: image under the strict CSP),
 * and hands the action in; the coordinator opens the row on the problem page and previews the same
 * photo. The photo bytes the page shows are the ones uploaded.
 */
describe.skipIf(!RUN)('evidence journeys', () => {
  let hub: TestHub;
  let base: string;
  let ids: DemoIds;
  let tok: Record<string, string>;
  let problemId = '';
  let actionId = '';
  const browsers: Browser[] = [];
  const marker = `EVD${Date.now().toString(36).toUpperCase()}`;

  beforeAll(async () => {
    const webDist = await sharedWebBuild();
    hub = await startHub({ demo: { feedback: 30, contacts: 0 }, env: { WEB_DIST: webDist } });
    base = hub.url.replace(/\/graphql$/, '');
    tok = await tokens(hub);
    ids = await demoIds(hub, tok.analyst!);
    const fb = await recordFeedback(hub, tok.agent!, {
      branchId: ids.branch.SH!,
      categoryId: ids.category.SERVICE!,
      text: `${marker} 网点叫号屏故障`,
    });
    const p = await problemInConsultation(hub, tok, ids, [fb], `${marker} 叫号屏故障`);
    const concluded = await conclude(
      hub,
      tok.coordinator!,
      p,
      [{ branchId: ids.branch.SH!, title: `${marker} 更换叫号屏` }],
      new Date(Date.now() + 10 * 86_400_000),
    );
    problemId = concluded.id;
    const action = concluded.actions[0]!;
    actionId = action.id;
    const step = async (op: string, input: string, extra: Record<string, unknown>, version: number) =>
      ok(
        await hub.gql(tok['bm.sh']!, `mutation($i: ${input}!) { ${op}(input: $i) { id version } }`, {
          i: { actionId, expectedVersion: version, ...extra },
        }),
      )[op].version as number;
    const v = await step('acceptAction', 'ActionStepInput', {}, action.version);
    await step('reportProgress', 'ReportProgressInput', { note: '已报修' }, v);
  }, 120_000);

  afterAll(async () => {
    for (const b of browsers) await b.close().catch(() => undefined);
    await hub?.stop();
  });

  it('the branch manager attaches a photo in the submit dialog, previews it, and submits', async () => {
    const b = await openBrowser();
    browsers.push(b);
    const page = b.page;
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await signIn(page, base, 'bm.sh', `/problems/${problemId}`);
    await page.getByTestId('linkage-table').waitFor();
    await page.getByTestId('linkage-table').getByRole('button', { name: '提交完成' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId(`evidence-action-${actionId}`).waitFor();
    await dialog.getByTestId('evidence-input').setInputFiles({ name: '叫号屏更换后.png', mimeType: 'image/png', buffer: PNG });
    const thumb = dialog.getByTestId('evidence-thumbnail');
    await thumb.waitFor({ timeout: 10_000 });
    expect(await thumb.getAttribute('src')).toMatch(/^blob:/);
    // The image decoded: the bytes behind the blob are a real PNG of 1×1.
    await expect.poll(() => thumb.evaluate((img: unknown) => (img as ImageLike).complete && (img as ImageLike).naturalWidth)).toBe(1);
    await dialog.getByRole('button', { name: '预览 叫号屏更换后.png' }).click();
    const large = page.getByTestId('evidence-preview-image');
    await large.waitFor();
    expect(await large.evaluate((img: unknown) => (img as ImageLike).naturalWidth)).toBe(1);
    await page.keyboard.press('Escape');
    await large.waitFor({ state: 'hidden' });
    await dialog.getByLabel('完成情况与佐证').fill('已更换叫号屏，照片见附件');
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect
      .poll(
        async () =>
          ok(
            await hub.gql(
              tok.coordinator!,
              `query($id: ID!) { node(id: $id) { ... on LinkageAction { status evidenceFiles { fileName contentType } } } }`,
              { id: actionId },
            ),
          ).node,
        { timeout: 8000 },
      )
      .toEqual({ status: 'SUBMITTED', evidenceFiles: [{ fileName: '叫号屏更换后.png', contentType: 'image/png' }] });
    expect(cspViolations).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  }, 60_000);

  it('the coordinator opens the row on the problem page and previews the photo', async () => {
    const b = await openBrowser();
    browsers.push(b);
    const page = b.page;
    await signIn(page, base, 'coordinator', `/problems/${problemId}`);
    const table = page.getByTestId('linkage-table');
    await table.waitFor();
    await table.locator('.ant-table-row-expand-icon').first().click();
    const panel = page.getByTestId(`evidence-action-${actionId}`);
    await panel.waitFor();
    const thumb = panel.getByTestId('evidence-thumbnail');
    await expect
      .poll(() => thumb.evaluate((img: unknown) => (img as ImageLike).complete && (img as ImageLike).naturalWidth), { timeout: 8000 })
      .toBe(1);
    const downloads = Number(
      (await hub.db.get<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE operation = 'downloadEvidence'"))!.n,
    );
    expect(downloads).toBeGreaterThanOrEqual(2);
    expect(b.pageErrors).toEqual([]);
  }, 60_000);

  it('the analyst attaches a screenshot to the diagnosis and previews it from the keyboard; the empty list reads at AA contrast', async () => {
    const fb = await recordFeedback(hub, tok.agent!, {
      branchId: ids.branch.SH!,
      categoryId: ids.category.SERVICE!,
      text: `${marker} 初诊附件`,
    });
    const p = await openProblem(hub, tok.analyst!, ids.category.SERVICE!, [fb], `${marker} 初诊附件`);
    const diagnosed = await diagnose(hub, tok.analyst!, p, [ids.department.CARD!]);
    const b = await openBrowser();
    browsers.push(b);
    const page = b.page;
    await signIn(page, base, 'analyst', `/problems/${diagnosed.id}`);
    const panel = page.getByTestId(`evidence-diagnosis-${diagnosed.id}`);
    await panel.waitFor();
    await panel.getByText('暂无').first().waitFor();
    // The empty list's text takes its colour from the theme's List token: axe's colour-contrast check holds on the section.
    const axe = await new AxeBuilder({ page }).include('[data-testid="diagnosis-section"]').withRules(['color-contrast']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(axe.passes.some((r) => r.id === 'color-contrast' && r.nodes.some((n) => n.html.includes('ant-list-empty-text')))).toBe(true);

    await panel.getByTestId('evidence-input').setInputFiles({ name: '系统截图.png', mimeType: 'image/png', buffer: PNG });
    const thumb = panel.getByTestId('evidence-thumbnail');
    await thumb.waitFor({ timeout: 10_000 });
    await expect.poll(() => thumb.evaluate((img: unknown) => (img as ImageLike).complete && (img as ImageLike).naturalWidth)).toBe(1);
    // Keyboard only: the thumbnail is a button; Enter opens the large preview, Escape closes it.
    await panel.getByRole('button', { name: '预览 系统截图.png' }).focus();
    await page.keyboard.press('Enter');
    const large = page.getByTestId('evidence-preview-image');
    await large.waitFor();
    expect(await large.evaluate((img: unknown) => (img as ImageLike).naturalWidth)).toBe(1);
    await page.keyboard.press('Escape');
    await large.waitFor({ state: 'hidden' });
    const files = ok(
      await hub.gql(tok.coordinator!, `query($id: ID!) { problem(id: $id) { diagnosis { evidenceFiles { fileName contentType } } } }`, {
        id: diagnosed.id,
      }),
    ).problem.diagnosis.evidenceFiles;
    expect(files).toEqual([{ fileName: '系统截图.png', contentType: 'image/png' }]);
    expect(b.pageErrors).toEqual([]);
  }, 60_000);
});
