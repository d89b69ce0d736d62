import { startHub, TestClock, type TestHub } from '../../utils/hub.js';
import { newId } from '../../../server/src/core/ids.js';
import { findUserById } from '../../../server/src/user/user.repository.js';
import type { Viewer } from '../../../server/src/core/viewer.rules.js';
import type { Services } from '../../../server/src/app/services.js';

/** A small bank with nothing else in it, so that every figure can be worked out by hand. */
export interface Bank {
  hub: TestHub;
  clock: TestClock;
  services: Services;
  branch: Record<'HO' | 'SH' | 'SH-PD' | 'BJ' | 'GZ', string>;
  category: Record<'CREDIT_CARD' | 'E_BANKING' | 'DEPOSIT', string>;
  department: Record<'CARD' | 'IT', string>;
  /** Signed-in users, by username: agent, analyst, coordinator, expert.card, bm.sh, bm.bj, bm.gz. */
  as: Record<string, Viewer>;
}

const BRANCHES = [
  ['HO', '总行', 'HEAD_OFFICE', null],
  ['SH', '上海分行', 'BRANCH', 'HO'],
  ['SH-PD', '浦东支行', 'SUB_BRANCH', 'SH'],
  ['BJ', '北京分行', 'BRANCH', 'HO'],
  ['GZ', '广州分行', 'BRANCH', 'HO'],
] as const;
const USERS = [
  ['agent', 'AGENT', 'HO', null],
  ['analyst', 'ANALYST', 'HO', null],
  ['coordinator', 'COORDINATOR', 'HO', null],
  ['expert.card', 'EXPERT', 'HO', 'CARD'],
  ['bm.sh', 'BRANCH_MANAGER', 'SH', null],
  ['bm.bj', 'BRANCH_MANAGER', 'BJ', null],
  ['bm.gz', 'BRANCH_MANAGER', 'GZ', null],
] as const;

/** Starts a hub on an empty database and writes the bank's organisation and people into it. */
export async function startBank(at: Date): Promise<Bank> {
  const clock = new TestClock(at.getTime());
  const hub = await startHub({ demo: false, clock });
  const db = hub.db;
  const t = at.getTime() - 86_400_000 * 400;
  const branch = {} as Bank['branch'];
  const paths: Record<string, string> = {};
  for (const [code, name, level, parent] of BRANCHES) {
    const id = newId('Branch', t);
    const path = `${parent ? paths[parent] : '/'}${id}/`;
    paths[code] = path;
    branch[code] = id;
    await db.run(
      'INSERT INTO branches (id, code, name, level, parent_id, path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      id,
      code,
      name,
      level,
      parent ? branch[parent] : null,
      path,
      t,
      t,
    );
  }
  const category = {} as Bank['category'];
  for (const [code, name] of [
    ['CREDIT_CARD', '信用卡'],
    ['E_BANKING', '电子银行'],
    ['DEPOSIT', '存款'],
  ] as const) {
    category[code] = newId('Category', t);
    await db.run(
      'INSERT INTO categories (id, code, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      category[code],
      code,
      name,
      t,
      t,
    );
  }
  const department = {} as Bank['department'];
  for (const [code, name] of [
    ['CARD', '信用卡中心'],
    ['IT', '信息科技部'],
  ] as const) {
    department[code] = newId('Department', t);
    await db.run(
      'INSERT INTO departments (id, code, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      department[code],
      code,
      name,
      t,
      t,
    );
  }
  // The organisation was written around the services: the directory loads it now.
  await hub.deps.org.refresh();
  const as: Record<string, Viewer> = {};
  for (const [username, role, branchCode, dept] of USERS) {
    const id = newId('User', t);
    await db.run(
      `INSERT INTO users (id, username, display_name, role, branch_id, department_id, password_hash, must_change_password, active, token_version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'x', 0, 1, 0, ?, ?)`,
      id,
      username,
      username,
      role,
      branch[branchCode],
      dept ? department[dept] : null,
      t,
      t,
    );
    as[username] = hub.app.services.auth.viewerOf((await findUserById(hub.store.read, id))!);
  }
  return { hub, clock, services: hub.app.services, branch, category, department, as };
}
