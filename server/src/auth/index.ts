/** auth: sign-in (scrypt passwords, throttled), tokens, and the viewer a token stands for. */
export { AuthService } from './auth.service.js';
export { loadSecret } from './token.js';

export const authModule = { name: 'auth' };
