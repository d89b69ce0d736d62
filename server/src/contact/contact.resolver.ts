import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { ReencryptContactsInput, ReencryptContactsResult } from './contact.type.js';

@Resolver()
export class ContactResolver {
  @Mutation(() => ReencryptContactsResult, {
    description:
      'ADMIN: key rotation without downtime. After a new key is added to HUB_CONTACT_KEYS and made active, re-encrypts the ' +
      'customers’ contact details still under older keys, in short batches; reads go on meanwhile (every configured key decrypts).',
  })
  reencryptContacts(
    @Arg('input', () => ReencryptContactsInput, { nullable: true }) input: ReencryptContactsInput | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.hub.contacts.reencrypt(requireViewer(ctx), input ?? {});
  }
}
