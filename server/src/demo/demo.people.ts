/** The bank's organisation tree, catalogue and people built from demo.org.ts, with ids from the seed. */
import type { RoleCode } from '../core/roles.js';
import { DAY, HOUR, MINUTE } from './demo.calendar.js';
import { must } from './demo.random.js';
import { CATEGORIES, CITIES, DEPARTMENTS, OUTLET_SUFFIXES, PRODUCTS, USERS } from './demo.org.js';
import type { Demo, DemoUser, Level, OrgNode } from './demo.model.js';

/** Fills the organisation, catalogue and people in, drawing their ids from the org stream. */
export function buildOrg(d: Demo): void {
  const rng = d.rngs.org;
  const created = d.calendar.start - 400 * DAY;
  const add = (code: string, name: string, level: Level, parent: OrgNode | null, weight: number): OrgNode => {
    const id = rng.id('Branch', created + d.nodes.length * MINUTE);
    const node: OrgNode = {
      id,
      code,
      name,
      level,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      branch: null,
      weight,
      children: [],
      managerId: null,
    };
    node.branch = level === 'HEAD_OFFICE' ? null : level === 'BRANCH' ? node : (parent?.branch ?? null);
    parent?.children.push(node);
    d.nodes.push(node);
    d.byCode.set(code, node);
    return node;
  };
  const ho = add('HO', '总行', 'HEAD_OFFICE', null, 2);
  for (const [code, name, size, subs] of CITIES) {
    const branch = add(code, name, 'BRANCH', ho, 4 * size);
    for (const [suffix, subName] of subs) {
      const sub = add(`${code}-${suffix}`, subName, 'SUB_BRANCH', branch, 2 * size);
      const outlets = rng.sample(OUTLET_SUFFIXES, rng.int(1, 3));
      outlets.forEach((outletSuffix, i) =>
        add(`${code}-${suffix}-${String(i + 1).padStart(2, '0')}`, `${subName}${outletSuffix}`, 'OUTLET', sub, 1.6 * size),
      );
    }
  }
  DEPARTMENTS.forEach(([code, name], i) => {
    const dept = { id: rng.id('Department', created + i * MINUTE), code, name };
    d.departments.push(dept);
    d.deptByCode.set(code, dept);
  });
  CATEGORIES.forEach(([code, name], i) => {
    const cat = { id: rng.id('Category', created + i * MINUTE), code, name };
    d.categories.push(cat);
    d.catByCode.set(code, cat);
  });
  PRODUCTS.forEach(([category, code, name], i) => {
    const product = {
      id: rng.id('Product', created + i * MINUTE),
      code,
      name,
      category,
      categoryId: must(d.catByCode.get(category), category).id,
    };
    d.products.push(product);
    d.productByCode.set(code, product);
  });
  USERS.forEach(([username, displayName, role, branchCode, deptCode], i) => {
    const createdAt = created + DAY + i * HOUR;
    const user: DemoUser = {
      id: rng.id('User', createdAt),
      username,
      displayName,
      role,
      branchId: branchCode ? must(d.byCode.get(branchCode), branchCode).id : null,
      departmentId: deptCode ? must(d.deptByCode.get(deptCode), deptCode).id : null,
      departmentCode: deptCode,
      createdAt,
    };
    d.users.push(user);
    d.userByName.set(username, user);
    if (role === 'BRANCH_MANAGER' && branchCode) must(d.byCode.get(branchCode), branchCode).managerId = user.id;
  });
}

export function user(d: Demo, username: string): DemoUser {
  return must(d.userByName.get(username), `user ${username}`);
}

export function usersWith(d: Demo, role: RoleCode): DemoUser[] {
  return d.users.filter((u) => u.role === role);
}

/** The branch manager who works on a node's actions: the nearest one up the tree. */
export function managerOf(d: Demo, node: OrgNode): string {
  let n: OrgNode | undefined = node;
  while (n) {
    if (n.managerId) return n.managerId;
    n = n.parentId ? d.nodes.find((x) => x.id === n!.parentId) : undefined;
  }
  throw new Error(`demo seed: no branch manager above ${node.code}`);
}

/** A node and everything under it, depth first. */
export function subtree(node: OrgNode): OrgNode[] {
  const out: OrgNode[] = [node];
  for (const c of node.children) out.push(...subtree(c));
  return out;
}
