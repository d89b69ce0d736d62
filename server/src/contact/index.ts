/**
 * contact: customers' contact details (the phone a callback needs), encrypted at rest with keys
 * from the configuration (AES-256-GCM, key id stored with each value), and their rotation.
 */
import { ContactResolver } from './contact.resolver.js';

export { ContactService, type ReencryptResult } from './contact.service.js';
export type { ContactOwnerType } from './contact.repository.js';

export const contactModule = {
  name: 'contact',
  resolvers: [ContactResolver],
};

// What other modules use of this one.
export { customerContacts } from './contact.table.js';
export { maskPhone } from './contact.rules.js';
