import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startHub } from '../../utils/hub.js';
import { ok, tokens } from '../../utils/fixtures.js';
import { buildWeb, ROOT } from './build-web.js';
import { openBrowser, signIn, type Browser } from './browser.js';

interface Shot {
  name: string;
  user: string;
  path: string;
  /** What the picture shows, for the README. */
  caption: string;
  height?: number;
  /** A step before the picture (open a dialog, expand a row). */
  prepare?: (page: Page) => Promise<void>;
}

export const SCREENSHOT_DIR = path.join(ROOT, 'docs', 'screenshots');

async function settle(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle').catch(() => undefined);
  if ((await page.locator('[data-testid^="chart-"]').count()) > 0) await page.locator('canvas').first().waitFor({ timeout: 10_000 });
  await page.waitForTimeout(800); // chart animations
}

/**
 * Starts a hub with the demo data, signs in as each role in a fresh Chromium profile and saves the
 * main pages, in Chinese, as PNGs under docs/screenshots. Answers what it wrote.
 */
export async function takeScreenshots(outDir = SCREENSHOT_DIR): Promise<{ file: string; caption: string }[]> {
  const webDist = await buildWeb();
  const hub = await startHub({ demo: { feedback: 3000, contacts: 5000 }, env: { WEB_DIST: webDist } });
  const base = hub.url.replace(/\/graphql$/, '');
  const browsers = new Map<string, Browser>();
  const written: { file: string; caption: string }[] = [];
  try {
    const tok = await tokens(hub);
    const first = async (status: string, extra = '') =>
      ok(
        await hub.gql(
          tok.coordinator!,
          `{ problems(filter: { status: [${status}] }, first: 20) { edges { node { id feedbackCount ${extra} } } } }`,
        ),
      ).problems.edges.map((e: any) => e.node) as any[];
    const remediating = (await first('REMEDIATING', 'actions { id }')).sort((a, b) => b.actions.length - a.actions.length)[0];
    // A consultation that waits for expert.card's opinion: opened here on a diagnosed problem.
    const diagnosed = (await first('DIAGNOSED', 'version'))[0];
    const expert = ok(await hub.gql(tok.admin!, '{ users(role: EXPERT) { id username } }')).users.find(
      (u: any) => u.username === 'expert.card',
    );
    const consulting = ok(
      await hub.gql(tok.coordinator!, 'mutation($i: OpenConsultationInput!) { openConsultation(input: $i) { id } }', {
        i: { problemId: diagnosed.id, expectedVersion: diagnosed.version, expertIds: [expert.id] },
      }),
    ).openConsultation;
    // The branch manager with the most open work, so that the picture shows a linkage table.
    const open: (string | undefined)[] = ok(
      await hub.gql(
        tok.coordinator!,
        '{ actions(filter: { status: [ASSIGNED, ACCEPTED, IN_PROGRESS, RETURNED, SUBMITTED] }, first: 100) { edges { node { branch { code } } } } }',
      ),
    ).actions.edges.map((e: any) => e.node.branch?.code as string | undefined);
    const managers = ok(await hub.gql(tok.admin!, '{ users(role: BRANCH_MANAGER) { username branch { code } } }')).users as {
      username: string;
      branch: { code: string };
    }[];
    const busiest = managers
      .map((m) => ({ m, n: open.filter((c) => c && (c === m.branch.code || c.startsWith(`${m.branch.code}-`))).length }))
      .sort((a, b) => b.n - a.n)[0]!.m.username;
    const shots: Shot[] = [
      { name: 'sign-in', user: '', path: '/', caption: '登录' },
      {
        name: 'dashboard',
        user: 'coordinator',
        path: '/dashboard',
        caption: '实时仪表盘：各状态问题、逾期联动任务、“三高三低”指标与反馈趋势',
        height: 1200,
      },
      { name: 'record-feedback', user: 'agent', path: '/feedback/new', caption: '坐席记录客户之声（可全程键盘操作）与今日记录' },
      {
        name: 'inbox',
        user: 'analyst',
        path: '/inbox',
        caption: '分析师的反馈收件箱：未归集优先、筛选、多选立项或归入已有问题',
        prepare: async (page) => {
          const boxes = page.locator('tbody .ant-checkbox-input');
          await boxes.nth(0).check();
          await boxes.nth(2).check();
        },
      },
      { name: 'suggested-problems', user: 'analyst', path: '/suggestions', caption: '建议立项：相似反馈自动聚类，一键立项' },
      { name: 'problem-board', user: 'analyst', path: '/problems', caption: '问题看板：按全流程状态' },
      {
        name: 'problem',
        user: 'coordinator',
        path: `/problems/${remediating.id}`,
        caption: '问题详情：初诊、会诊、联动服务表（逾期标红）、客户之声与处理时间线',
        height: 1500,
      },
      { name: 'coordination-desk', user: 'coordinator', path: '/desk', caption: '协调工作台：待确认、延期申请、待会诊、待验证' },
      {
        name: 'expert-opinion',
        user: 'expert.card',
        path: `/consultations/${consulting.id}`,
        caption: '专家会诊：意见表单在初诊与客户原声旁',
        height: 1100,
      },
      { name: 'branch-actions', user: busiest, path: '/actions', caption: '分行联络人的本行联动表：接收、报告进展、提交佐证、申请延期' },
      {
        name: 'voc-report',
        user: 'coordinator',
        path: '/reports/voc',
        caption: '每月客户之声报告：图表、导出 Excel/CSV、打印与发布',
        height: 1600,
      },
      {
        name: 'performance',
        user: 'coordinator',
        path: '/reports/performance',
        caption: '联动绩效：分行排名、各环节时效与根因分布',
        height: 1100,
      },
      { name: 'users', user: 'admin', path: '/admin/users', caption: '系统管理：用户、岗位、机构与部室' },
    ];
    fs.mkdirSync(outDir, { recursive: true });
    for (const shot of shots) {
      let b = browsers.get(shot.user);
      if (!b) {
        b = await openBrowser({ height: 900 });
        browsers.set(shot.user, b);
        if (shot.user) await signIn(b.page, base, shot.user);
      }
      const page = b.page;
      await page.setViewportSize({ width: 1440, height: shot.height ?? 900 });
      await page.goto(base + shot.path);
      if (shot.user) await settle(page);
      else await page.getByLabel('用户名').waitFor();
      await shot.prepare?.(page);
      const file = path.join(outDir, `${shot.name}.png`);
      await page.screenshot({ path: file });
      written.push({ file, caption: shot.caption });
    }
    return written;
  } finally {
    for (const b of browsers.values()) await b.close().catch(() => undefined);
    await hub.stop();
    fs.rmSync(webDist, { recursive: true, force: true });
  }
}
