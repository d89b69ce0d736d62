import { UseMiddleware, type MiddlewareFn } from 'type-graphql';
import type { Context } from './context.js';
import { maskPersonalData } from './mask.rules.js';
import { seesAllInClear } from './clear.rules.js';

const maskUnlessPrivileged: MiddlewareFn<Context> = async ({ context }, next) => {
  const value: unknown = await next();
  if (typeof value !== 'string' || (context.viewer && seesAllInClear(context.viewer.role))) return value;
  return maskPersonalData(value);
};

/**
 * Free text written by staff (titles, reasons, notes, opinions) can quote a customer's mobile,
 * card or ID number. Such a field is masked like feedback text for every viewer but the roles that
 * see all in clear (`seesAllInClear`). A per-field middleware, so that plain fields pay nothing.
 */
export function Masked(): MethodDecorator & PropertyDecorator {
  return UseMiddleware(maskUnlessPrivileged);
}
