import { graphql } from '../../gql/index.js';

export const CREATE_BRANCH = graphql(`
  mutation OrgPage_CreateBranch($input: CreateBranchInput!) {
    createBranch(input: $input) {
      ...Reference_Branch
    }
  }
`);
export const UPDATE_BRANCH = graphql(`
  mutation OrgPage_UpdateBranch($input: UpdateBranchInput!) {
    updateBranch(input: $input) {
      ...Reference_Branch
    }
  }
`);
export const CREATE_DEPARTMENT = graphql(`
  mutation OrgPage_CreateDepartment($input: CreateDepartmentInput!) {
    createDepartment(input: $input) {
      id
      code
      name
    }
  }
`);
export const UPDATE_DEPARTMENT = graphql(`
  mutation OrgPage_UpdateDepartment($input: UpdateDepartmentInput!) {
    updateDepartment(input: $input) {
      id
      code
      name
    }
  }
`);
export const CREATE_CATEGORY = graphql(`
  mutation OrgPage_CreateCategory($input: CreateCategoryInput!) {
    createCategory(input: $input) {
      id
      code
      name
      products {
        id
        code
        name
      }
    }
  }
`);
export const UPDATE_CATEGORY = graphql(`
  mutation OrgPage_UpdateCategory($input: UpdateCategoryInput!) {
    updateCategory(input: $input) {
      id
      code
      name
    }
  }
`);
export const CREATE_PRODUCT = graphql(`
  mutation OrgPage_CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
      code
      name
    }
  }
`);
