export const CREATE_BRANCH = `mutation OrgPage_CreateBranch($input: CreateBranchInput!) { createBranch(input: $input) { id code name level parent { id } } }`;
export const UPDATE_BRANCH = `mutation OrgPage_UpdateBranch($input: UpdateBranchInput!) { updateBranch(input: $input) { id code name level parent { id } } }`;
export const CREATE_DEPARTMENT = `mutation OrgPage_CreateDepartment($input: CreateDepartmentInput!) { createDepartment(input: $input) { id code name } }`;
export const UPDATE_DEPARTMENT = `mutation OrgPage_UpdateDepartment($input: UpdateDepartmentInput!) { updateDepartment(input: $input) { id code name } }`;
export const CREATE_CATEGORY = `mutation OrgPage_CreateCategory($input: CreateCategoryInput!) { createCategory(input: $input) { id code name products { id code name } } }`;
export const UPDATE_CATEGORY = `mutation OrgPage_UpdateCategory($input: UpdateCategoryInput!) { updateCategory(input: $input) { id code name } }`;
export const CREATE_PRODUCT = `mutation OrgPage_CreateProduct($input: CreateProductInput!) { createProduct(input: $input) { id code name } }`;
