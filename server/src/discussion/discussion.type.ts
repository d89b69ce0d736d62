import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Masked } from '../core/masked.js';
import { AuditDigest } from '../audit/index.js';

@ObjectType('ProblemComment', {
  description:
    "A comment in a problem's discussion. A deleted comment stays in the thread as a tombstone (deletedAt, deletedBy) with its body gone.",
})
export class ProblemCommentType {
  @Field(() => ID) id!: string;
  @Masked()
  @Field(() => String, {
    nullable: true,
    description: "The comment's text, personal data masked as in other staff text; null once deleted.",
  })
  body!: string | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When its author last edited it.' }) editedAt!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was deleted (a tombstone remains).' }) deletedAt!: Date | null;
  @Field(() => Int, { description: 'Grows on every edit and on deletion; editComment and deleteComment take it back as expectedVersion.' })
  version!: number;
}

@InputType('AddCommentInput')
export class AddCommentInput {
  @Field(() => ID) problemId!: string;
  // Deleted comments leave no words behind: the audit trail keeps a digest of the body, never the text.
  @Field(() => String, { description: 'At most 4,000 characters; @username mentions the user.' })
  @AuditDigest()
  body!: string;
  @Field(() => [ID], { nullable: true, description: 'Users mentioned besides those named @username in the body (at most 20 in all).' })
  mentions?: string[] | null;
}

@InputType('EditCommentInput')
export class EditCommentInput {
  @Field(() => ID) commentId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String)
  @AuditDigest()
  body!: string;
  @Field(() => [ID], { nullable: true }) mentions?: string[] | null;
}

@InputType('DeleteCommentInput')
export class DeleteCommentInput {
  @Field(() => ID) commentId!: string;
  @Field(() => Int) expectedVersion!: number;
}

@InputType('FollowProblemInput')
export class FollowProblemInput {
  @Field(() => ID) problemId!: string;
}
