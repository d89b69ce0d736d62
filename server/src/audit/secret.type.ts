import { Extensions } from 'type-graphql';
import { DIGEST_EXTENSION, PERSONAL_EXTENSION, SECRET_EXTENSION } from './secret.rules.js';

export { SECRET_EXTENSION };

/**
 * Marks an input field as a secret (a password, a credential): its value never reaches the audit
 * trail, the logs or an error message. Put it beside `@Field` on every such field; a schema test
 * fails for any credential-named input field that lacks it.
 */
export function Secret(): ReturnType<typeof Extensions> {
  return Extensions({ [SECRET_EXTENSION]: true });
}

/**
 * Marks an input field holding a customer's personal data that must not reach the audit trail, the
 * logs or an error message either (a phone given for callbacks): redacted like a secret.
 */
export function PersonalData(): ReturnType<typeof Extensions> {
  return Extensions({ [SECRET_EXTENSION]: true, [PERSONAL_EXTENSION]: true });
}

/**
 * Marks an input field holding text its author or an administrator may later delete (a comment): the
 * audit trail, which cannot forget, keeps its SHA-256 and length instead of the words.
 */
export function AuditDigest(): ReturnType<typeof Extensions> {
  return Extensions({ [DIGEST_EXTENSION]: true });
}
