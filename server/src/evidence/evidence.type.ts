import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Masked } from '../core/masked.js';
import { EvidenceParentKind } from './evidence.enums.js';

@ObjectType('Evidence', {
  description:
    'A file attached as evidence (a photo, a signed sheet, a notice). Its type was decided from its content on upload; download it from downloadUrl with the same Bearer token (attachment, audited).',
})
export class EvidenceType {
  @Field(() => ID) id!: string;
  @Field(() => EvidenceParentKind) parentKind!: string;
  @Masked()
  @Field(() => String, { description: 'The name it was uploaded with (no path).' })
  fileName!: string;
  @Field(() => String, { description: 'The type decided from the content (e.g. image/png), never the name or the browser.' })
  contentType!: string;
  @Field(() => Int, { description: 'Bytes.' }) size!: number;
  @Field(() => String, { description: 'SHA-256 of the content, hex.' }) sha256!: string;
  @Field(() => DateTimeResolver) uploadedAt!: Date;
}

@InputType()
export class RemoveEvidenceInput {
  @Field(() => ID) evidenceId!: string;
  @Extensions({ maxLength: 2000 })
  @Field(() => String, { description: 'Why the file is removed; kept with the row and shown in the history.' })
  reason!: string;
}
