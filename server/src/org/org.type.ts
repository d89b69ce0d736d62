import { Field, ID, ObjectType, InputType } from 'type-graphql';
import { Node } from '../core/node.type.js';
import { BranchLevel } from './org.enums.js';

@ObjectType('Branch', { implements: Node, description: 'A node of the organisation tree.' })
export class BranchType {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => BranchLevel) level!: keyof typeof BranchLevel;
}

@ObjectType('Department', { implements: Node, description: 'A head-office department (总行部室).' })
export class DepartmentType {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@ObjectType('Product', { implements: Node, description: 'A product within a business category.' })
export class ProductType {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@ObjectType('Category', { implements: Node, description: 'A business category feedback and problems are filed under.' })
export class CategoryType {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@InputType('CreateBranchInput')
export class CreateBranchInput {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => BranchLevel) level!: keyof typeof BranchLevel;
  @Field(() => ID, { nullable: true, description: 'Required for every level below HEAD_OFFICE.' }) parentId?: string | null;
}

@InputType('UpdateBranchInput')
export class UpdateBranchInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) code?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => ID, { nullable: true, description: 'Moves the branch and its subtree under another node one level up.' })
  parentId?: string | null;
}

@InputType('CreateDepartmentInput')
export class CreateDepartmentInput {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@InputType('UpdateDepartmentInput')
export class UpdateDepartmentInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) code?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
}

@InputType('CreateCategoryInput')
export class CreateCategoryInput {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@InputType('UpdateCategoryInput')
export class UpdateCategoryInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) code?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
}

@InputType('CreateProductInput')
export class CreateProductInput {
  @Field(() => ID) categoryId!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}
