/** org: the branch tree (总行 → 分行 → 支行 → 网点), departments, categories and products. */
import { BranchResolver, DepartmentResolver, CategoryResolver } from './org.resolver.js';
import { orgLoaders } from './org.loaders.js';

export { OrgService } from './org.service.js';
export { OrgDirectory } from './org.directory.js';

export const orgModule = {
  name: 'org',
  resolvers: [BranchResolver, DepartmentResolver, CategoryResolver],
  loaders: orgLoaders,
};
export { BranchType, DepartmentType } from './org.type.js';

// What other modules use of this one.
export { branches, categories, departments, products } from './org.table.js';
export { CategoryType, ProductType } from './org.type.js';
