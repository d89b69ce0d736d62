import { Field, InputType, Int, ObjectType } from 'type-graphql';

@InputType('ReencryptContactsInput')
export class ReencryptContactsInput {
  @Field(() => Int, { nullable: true, description: 'Rows a transaction (1 to 1,000; default 500).' }) batchSize?: number | null;
  @Field(() => Int, { nullable: true, description: 'Batches this call runs at most (default 100); call again while remaining > 0.' })
  batches?: number | null;
}

@ObjectType('ReencryptContactsResult', { description: 'What a re-encryption pass of the stored contact details did.' })
export class ReencryptContactsResult {
  @Field(() => Int, { description: 'Rows re-encrypted with the active key by this call.' }) rewritten!: number;
  @Field(() => Int, { description: 'Rows still under an older key; 0: the older keys may be removed from the configuration.' })
  remaining!: number;
  @Field(() => String, { description: 'The id of the active key (HUB_CONTACT_KEY_ACTIVE).' }) activeKeyId!: string;
}
