import { Extensions, Field, ID, ObjectType, InputType } from 'type-graphql';
import { PASSWORD_INPUT_LIMITS } from '../core/password.js';
import { Node } from '../core/node.type.js';
import { Role } from './user.enums.js';
import { Secret } from '../audit/index.js';

@ObjectType('User', { implements: Node, description: 'A person who works in the loop.' })
export class UserType {
  @Field(() => ID) id!: string;
  @Field(() => String) username!: string;
  @Field(() => String) displayName!: string;
  @Field(() => Role) role!: string;
}

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <token>".' }) token!: string;
  @Field(() => UserType) user!: object;
}

@InputType('LoginInput')
export class LoginInput {
  @Field(() => String) username!: string;
  @Secret()
  @Extensions(PASSWORD_INPUT_LIMITS)
  @Field(() => String)
  password!: string;
}

@InputType('ChangePasswordInput')
export class ChangePasswordInput {
  @Secret()
  @Extensions(PASSWORD_INPUT_LIMITS)
  @Field(() => String)
  currentPassword!: string;
  @Secret()
  @Extensions(PASSWORD_INPUT_LIMITS)
  @Field(() => String, { description: 'At least 10 characters, and not a common password.' })
  newPassword!: string;
}

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field(() => String) username!: string;
  @Field(() => String) displayName!: string;
  @Field(() => Role) role!: 'AGENT' | 'ANALYST' | 'COORDINATOR' | 'EXPERT' | 'BRANCH_MANAGER' | 'ADMIN';
  @Field(() => ID, { nullable: true, description: 'Required for a BRANCH_MANAGER.' }) branchId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Required for an EXPERT.' }) departmentId?: string | null;
  @Secret()
  @Extensions(PASSWORD_INPUT_LIMITS)
  @Field(() => String, { description: 'Initial password; the user must change it at first sign-in.' })
  password!: string;
}

@InputType('UpdateUserInput')
export class UpdateUserInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) displayName?: string | null;
  @Field(() => Role, { nullable: true }) role?: 'AGENT' | 'ANALYST' | 'COORDINATOR' | 'EXPERT' | 'BRANCH_MANAGER' | 'ADMIN' | null;
  @Field(() => ID, { nullable: true }) branchId?: string | null;
  @Field(() => ID, { nullable: true }) departmentId?: string | null;
}

@InputType('UserIdInput')
export class UserIdInput {
  @Field(() => ID) id!: string;
}

@InputType('ResetPasswordInput')
export class ResetPasswordInput {
  @Field(() => ID) id!: string;
  @Secret()
  @Extensions(PASSWORD_INPUT_LIMITS)
  @Field(() => String)
  newPassword!: string;
}
