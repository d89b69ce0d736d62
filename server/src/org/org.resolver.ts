import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import {
  BranchType,
  CategoryType,
  DepartmentType,
  ProductType,
  CreateBranchInput,
  UpdateBranchInput,
  CreateDepartmentInput,
  UpdateDepartmentInput,
  CreateCategoryInput,
  UpdateCategoryInput,
  CreateProductInput,
} from './org.type.js';
import type { BranchRow } from './org.directory.js';

@Resolver(() => BranchType)
export class BranchResolver {
  @Query(() => [BranchType], { description: 'The organisation tree, parents before children; a branch manager sees their subtree.' })
  branches(@Ctx() ctx: Context) {
    return ctx.hub.org.branches(requireViewer(ctx));
  }

  @FieldResolver(() => BranchType, { nullable: true })
  parent(@Root() branch: BranchRow, @Ctx() ctx: Context) {
    return branch.parentId ? ctx.hub.deps.org.get(branch.parentId) : null;
  }

  @FieldResolver(() => [BranchType])
  children(@Root() branch: BranchRow, @Ctx() ctx: Context) {
    return ctx.hub.deps.org.childrenOf(branch.id);
  }

  @Mutation(() => BranchType, { description: 'ADMIN: adds a node to the tree, one level below its parent.' })
  createBranch(@Arg('input', () => CreateBranchInput) input: CreateBranchInput, @Ctx() ctx: Context) {
    return ctx.hub.org.createBranch(requireViewer(ctx), input);
  }

  @Mutation(() => BranchType, { description: 'ADMIN: renames or moves a node with its subtree.' })
  updateBranch(@Arg('input', () => UpdateBranchInput) input: UpdateBranchInput, @Ctx() ctx: Context) {
    return ctx.hub.org.updateBranch(requireViewer(ctx), input);
  }
}

@Resolver(() => DepartmentType)
export class DepartmentResolver {
  @Query(() => [DepartmentType])
  departments(@Ctx() ctx: Context) {
    requireViewer(ctx);
    return ctx.hub.org.departments();
  }

  @Mutation(() => DepartmentType, { description: 'ADMIN.' })
  createDepartment(@Arg('input', () => CreateDepartmentInput) input: CreateDepartmentInput, @Ctx() ctx: Context) {
    return ctx.hub.org.createDepartment(requireViewer(ctx), input);
  }

  @Mutation(() => DepartmentType, { description: 'ADMIN.' })
  updateDepartment(@Arg('input', () => UpdateDepartmentInput) input: UpdateDepartmentInput, @Ctx() ctx: Context) {
    return ctx.hub.org.updateDepartment(requireViewer(ctx), input);
  }
}

@Resolver(() => CategoryType)
export class CategoryResolver {
  @Query(() => [CategoryType])
  categories(@Ctx() ctx: Context) {
    requireViewer(ctx);
    return ctx.hub.org.categories();
  }

  @Query(() => [ProductType], { description: 'Products, of one category when given.' })
  products(@Arg('categoryId', () => ID, { nullable: true }) categoryId: string | null, @Ctx() ctx: Context) {
    requireViewer(ctx);
    return ctx.hub.org.products(categoryId);
  }

  @FieldResolver(() => [ProductType], { name: 'products' })
  productsOf(@Root() category: { id: string }, @Ctx() ctx: Context) {
    return ctx.hub.org.products(category.id);
  }

  @Mutation(() => CategoryType, { description: 'ADMIN.' })
  createCategory(@Arg('input', () => CreateCategoryInput) input: CreateCategoryInput, @Ctx() ctx: Context) {
    return ctx.hub.org.createCategory(requireViewer(ctx), input);
  }

  @Mutation(() => CategoryType, { description: 'ADMIN.' })
  updateCategory(@Arg('input', () => UpdateCategoryInput) input: UpdateCategoryInput, @Ctx() ctx: Context) {
    return ctx.hub.org.updateCategory(requireViewer(ctx), input);
  }

  @Mutation(() => ProductType, { description: 'ADMIN.' })
  createProduct(@Arg('input', () => CreateProductInput) input: CreateProductInput, @Ctx() ctx: Context) {
    return ctx.hub.org.createProduct(requireViewer(ctx), input);
  }
}
