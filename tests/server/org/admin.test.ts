import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, codeOf, DEMO_PASSWORD, type TestHub } from '../../utils/hub.js';

let hub: TestHub;
let admin: string;
let ids: { HO: string; SH: string; SHPD: string; BJ: string; CARD: string };

beforeAll(async () => {
  hub = await startHub();
  admin = await hub.login('admin');
  const r = await hub.gql(admin, '{ branches { id code } departments { id code } }');
  const b = (code: string) => r.data!.branches.find((x: { code: string }) => x.code === code).id;
  ids = {
    HO: b('HO'),
    SH: b('SH'),
    SHPD: b('SH-PD'),
    BJ: b('BJ'),
    CARD: r.data!.departments.find((d: { code: string }) => d.code === 'CARD').id,
  };
});
afterAll(async () => hub.stop());

const CREATE_BRANCH = 'mutation($i: CreateBranchInput!) { createBranch(input: $i) { id code level parent { code } } }';
const CREATE_USER = 'mutation($i: CreateUserInput!) { createUser(input: $i) { id username role mustChangePassword branch { code } } }';

describe('organisation administration', () => {
  it('adds branches one level below their parent and shows them in the tree', async () => {
    const r = await hub.gql(admin, CREATE_BRANCH, { i: { code: 'SH-ZZ', name: '自贸区支行', level: 'SUB_BRANCH', parentId: ids.SH } });
    expect(r.data!.createBranch).toMatchObject({ code: 'SH-ZZ', level: 'SUB_BRANCH', parent: { code: 'SH' } });
    const tree = await hub.gql(admin, '{ branches { code children { code } } }');
    const sh = tree.data!.branches.find((b: { code: string }) => b.code === 'SH');
    expect(sh.children.map((c: { code: string }) => c.code)).toContain('SH-ZZ');
  });

  it.each([
    [{ code: 'X1', name: 'x', level: 'OUTLET' }, 'input.level'],
    [{ code: 'bad code', name: 'x', level: 'BRANCH' }, 'input.code'],
    [{ code: 'SH', name: '重复', level: 'BRANCH' }, 'input.code'],
    [{ code: 'X2', name: '   ', level: 'BRANCH' }, 'input.name'],
  ])('refuses %j naming %s, and changes nothing', async (input, field) => {
    const before = await hub.db.get('SELECT count(*) AS n FROM branches');
    const r = await hub.gql(admin, CREATE_BRANCH, {
      i: { parentId: ids.HO, ...input, ...(input.level === 'OUTLET' ? { parentId: ids.SH } : {}) },
    });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.field).toBe(field);
    expect(await hub.db.get('SELECT count(*) AS n FROM branches')).toEqual(before);
  });

  it('moves a sub-branch with its subtree and keeps scoping right', async () => {
    const created = await hub.gql(admin, CREATE_BRANCH, { i: { code: 'SH-MV', name: '迁移支行', level: 'SUB_BRANCH', parentId: ids.SH } });
    const id = created.data!.createBranch.id;
    const outlet = await hub.gql(admin, CREATE_BRANCH, { i: { code: 'SH-MV-01', name: '迁移网点', level: 'OUTLET', parentId: id } });
    expect(outlet.errors).toBeUndefined();
    const moved = await hub.gql(
      admin,
      'mutation($i: UpdateBranchInput!) { updateBranch(input: $i) { parent { code } children { code } } }',
      {
        i: { id, parentId: ids.BJ },
      },
    );
    expect(moved.data!.updateBranch).toEqual({ parent: { code: 'BJ' }, children: [{ code: 'SH-MV-01' }] });
    const bmBj = await hub.login('bm.bj');
    const seen = await hub.gql(bmBj, '{ branches { code } }');
    expect(seen.data!.branches.map((b: { code: string }) => b.code)).toEqual(expect.arrayContaining(['BJ', 'SH-MV', 'SH-MV-01']));
    const bmSh = await hub.login('bm.sh');
    const shSeen = await hub.gql(bmSh, '{ branches { code } }');
    expect(shSeen.data!.branches.map((b: { code: string }) => b.code)).not.toContain('SH-MV-01');
    const cycle = await hub.gql(admin, 'mutation($i: UpdateBranchInput!) { updateBranch(input: $i) { id } }', {
      i: { id: ids.SH, parentId: ids.SHPD },
    });
    expect(codeOf(cycle)).toBe('BAD_USER_INPUT');
  });

  it('creates and edits departments and categories', async () => {
    const d = await hub.gql(admin, 'mutation { createDepartment(input: { code: "LEGAL", name: "法律合规部" }) { id code name } }');
    expect(d.data!.createDepartment).toMatchObject({ code: 'LEGAL', name: '法律合规部' });
    const u = await hub.gql(admin, 'mutation($i: UpdateDepartmentInput!) { updateDepartment(input: $i) { name } }', {
      i: { id: d.data!.createDepartment.id, name: '法律部' },
    });
    expect(u.data!.updateDepartment.name).toBe('法律部');
    const c = await hub.gql(admin, 'mutation { createCategory(input: { code: "PENSION", name: "养老金融" }) { id code } }');
    expect(c.data!.createCategory.code).toBe('PENSION');
    const dup = await hub.gql(admin, 'mutation { createCategory(input: { code: "PENSION", name: "重复" }) { id } }');
    expect(codeOf(dup)).toBe('BAD_USER_INPUT');
  });

  it.each(['agent', 'analyst', 'coordinator', 'expert.card', 'bm.sh'])(
    'refuses %s every administration mutation with FORBIDDEN',
    async (username) => {
      const token = await hub.login(username);
      const attempts = [
        hub.gql(token, CREATE_BRANCH, { i: { code: 'NOPE', name: 'x', level: 'BRANCH', parentId: ids.HO } }),
        hub.gql(token, 'mutation { createDepartment(input: { code: "NOPE", name: "x" }) { id } }'),
        hub.gql(token, 'mutation { createCategory(input: { code: "NOPE", name: "x" }) { id } }'),
        hub.gql(token, CREATE_USER, { i: { username: 'nope', displayName: 'x', role: 'AGENT', password: 'Lotus-river-42' } }),
        hub.gql(token, 'mutation($i: UserIdInput!) { deactivateUser(input: $i) { id } }', { i: { id: 'usr_00000000000000000000000000' } }),
      ];
      for (const r of await Promise.all(attempts)) expect(codeOf(r)).toBe('FORBIDDEN');
      expect(await hub.db.get("SELECT count(*) AS n FROM branches WHERE code = 'NOPE'")).toEqual({ n: 0 });
    },
  );
});

describe('people', () => {
  it('creates a user who must change the initial password before anything else', async () => {
    const r = await hub.gql(admin, CREATE_USER, {
      i: { username: 'bm.pd', displayName: '浦东联络人', role: 'BRANCH_MANAGER', branchId: ids.SHPD, password: 'Initial-pass-77' },
    });
    expect(r.data!.createUser).toMatchObject({
      username: 'bm.pd',
      role: 'BRANCH_MANAGER',
      mustChangePassword: true,
      branch: { code: 'SH-PD' },
    });
    const token = await hub.login('bm.pd', 'Initial-pass-77');
    const blocked = await hub.gql(token, '{ problems { totalCount } }');
    expect(codeOf(blocked)).toBe('FORBIDDEN');
    expect(blocked.errors![0]!.extensions!.reason).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await hub.gql(
      token,
      'mutation { changePassword(input: { currentPassword: "Initial-pass-77", newPassword: "12345678" }) { token } }',
    );
    expect(codeOf(weak)).toBe('BAD_USER_INPUT');
    const changed = await hub.gql(
      token,
      'mutation { changePassword(input: { currentPassword: "Initial-pass-77", newPassword: "Pudong-branch-2026" }) { token } }',
    );
    const fresh = changed.data!.changePassword.token;
    expect((await hub.gql(fresh, '{ problems { totalCount } }')).errors).toBeUndefined();
    expect(codeOf(await hub.gql(token, '{ me { id } }'))).toBe('UNAUTHENTICATED');
    const scoped = await hub.gql(fresh, '{ branches { code } }');
    expect(scoped.data!.branches.map((b: { code: string }) => b.code)).toContain('SH-PD');
    expect(scoped.data!.branches.map((b: { code: string }) => b.code)).not.toContain('SH');
  });

  it.each([
    [{ username: 'x.bm', displayName: 'x', role: 'BRANCH_MANAGER', password: 'Lotus-river-42' }, 'input.branchId'],
    [{ username: 'x.ex', displayName: 'x', role: 'EXPERT', password: 'Lotus-river-42' }, 'input.departmentId'],
    [{ username: 'agent', displayName: 'x', role: 'AGENT', password: 'Lotus-river-42' }, 'input.username'],
    [{ username: 'x.pw', displayName: 'x', role: 'AGENT', password: 'password' }, 'input.password'],
  ])('refuses %j naming %s', async (input, field) => {
    const r = await hub.gql(admin, CREATE_USER, { i: input });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.field).toBe(field);
  });

  it('deactivation ends sign-in and open tokens; reactivation allows sign-in again', async () => {
    const created = await hub.gql(admin, CREATE_USER, {
      i: { username: 'agent.tmp', displayName: '临时坐席', role: 'AGENT', password: 'Temp-agent-2026' },
    });
    const id = created.data!.createUser.id;
    const token = await hub.login('agent.tmp', 'Temp-agent-2026');
    const deact = await hub.gql(admin, 'mutation($i: UserIdInput!) { deactivateUser(input: $i) { active } }', { i: { id } });
    expect(deact.data!.deactivateUser.active).toBe(false);
    expect(codeOf(await hub.gql(token, '{ me { id } }'))).toBe('UNAUTHENTICATED');
    const login = await hub.gql(null, 'mutation { login(input: { username: "agent.tmp", password: "Temp-agent-2026" }) { token } }');
    expect(codeOf(login)).toBe('UNAUTHENTICATED');
    await hub.gql(admin, 'mutation($i: UserIdInput!) { reactivateUser(input: $i) { active } }', { i: { id } });
    expect(await hub.login('agent.tmp', 'Temp-agent-2026')).toBeTruthy();
  });

  it('a role change revokes open tokens; a password reset forces a change', async () => {
    const users = await hub.gql(admin, '{ users(role: EXPERT) { id username } }');
    const card = users.data!.users.find((u: { username: string }) => u.username === 'expert.card');
    const token = await hub.login('expert.card');
    const moved = await hub.gql(admin, 'mutation($i: UpdateUserInput!) { updateUser(input: $i) { role department { code } } }', {
      i: { id: card.id, role: 'ANALYST', departmentId: null },
    });
    expect(moved.data!.updateUser).toEqual({ role: 'ANALYST', department: null });
    expect(codeOf(await hub.gql(token, '{ me { id } }'))).toBe('UNAUTHENTICATED');
    await hub.gql(admin, 'mutation($i: UpdateUserInput!) { updateUser(input: $i) { role } }', {
      i: { id: card.id, role: 'EXPERT', departmentId: ids.CARD },
    });
    const reset = await hub.gql(admin, 'mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { mustChangePassword } }', {
      i: { id: card.id, newPassword: 'Reset-by-admin-9' },
    });
    expect(reset.data!.resetPassword.mustChangePassword).toBe(true);
    expect(
      codeOf(await hub.gql(null, `mutation { login(input: { username: "expert.card", password: "${DEMO_PASSWORD}" }) { token } }`)),
    ).toBe('UNAUTHENTICATED');
    const t2 = await hub.login('expert.card', 'Reset-by-admin-9');
    expect(codeOf(await hub.gql(t2, '{ problems { totalCount } }'))).toBe('FORBIDDEN');
  });
});
