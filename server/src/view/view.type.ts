import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Masked } from '../core/masked.js';
import { Role } from '../user/index.js';
import { ViewList } from './view.enums.js';
import type { RoleCode } from '../core/roles.js';
import type { ViewListCode } from './view.table.js';

@ObjectType('SavedView', { description: "A list's filters kept under a name (保存的视图), the owner's or shared with the viewer." })
export class SavedViewType {
  @Field(() => ID) id!: string;
  @Field(() => ViewList) list!: string;
  @Masked()
  @Field(() => String)
  name!: string;
  @Field(() => String, {
    description: "The list's filter input (FeedbackFilter, ProblemFilter or ActionFilter) as JSON, to pass back as the list's `filter`.",
  })
  filter!: string;
  @Field(() => Role, { nullable: true, description: 'Shared with the users of this role (with sharedWithBranch: of that role there).' })
  sharedRole!: string | null;
  @Field(() => Int, { description: 'Grows on every change; updateView and deleteView take it back as expectedVersion.' })
  version!: number;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver) updatedAt!: Date;
}

@InputType('ViewShareInput', { description: 'Who a view is shared with; both empty: the owner alone.' })
export class ViewShareInput {
  @Field(() => Role, { nullable: true }) role?: RoleCode | null;
  @Field(() => ID, { nullable: true, description: "This branch's subtree: every user whose branch lies in it." }) branchId?: string | null;
}

@InputType('CreateViewInput')
export class CreateViewInput {
  @Field(() => ViewList) list!: ViewListCode;
  @Field(() => String, { description: '1 to 60 characters.' }) name!: string;
  @Field(() => String, { description: 'The list\'s filter input as JSON (e.g. `{"kind":["PROBLEM"]}`); checked against its type.' })
  filter!: string;
  @Field(() => ViewShareInput, { nullable: true }) share?: ViewShareInput | null;
}

@InputType('UpdateViewInput', { description: 'The owner renames, re-filters or re-shares a view; at least one.' })
export class UpdateViewInput {
  @Field(() => ID) viewId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) filter?: string | null;
  @Field(() => ViewShareInput, { nullable: true, description: 'Replaces the sharing; `{}` makes the view private again.' })
  share?: ViewShareInput | null;
}

@InputType('DeleteViewInput')
export class DeleteViewInput {
  @Field(() => ID) viewId!: string;
  @Field(() => Int) expectedVersion!: number;
}
