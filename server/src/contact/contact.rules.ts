/**
 * A phone number as the contact center types it: digits with the usual separators, an optional
 * leading +. Kept as digits (and the +) so that one number has one form; null when it is not one.
 */
export function normalizePhone(text: string): string | null {
  const trimmed = text.trim();
  if (!/^\+?[\d\s()-]{6,32}$/.test(trimmed)) return null;
  const digits = trimmed.replace(/[^\d]/g, '');
  if (digits.length < 6 || digits.length > 20) return null;
  return (trimmed.startsWith('+') ? '+' : '') + digits;
}

/**
 * The masked form everyone but the handler and the callback's agent sees (the contract's
 * `138****5678`): the first three and last four digits of a mobile, the last four of anything shorter.
 */
export function maskPhone(phone: string): string {
  const plus = phone.startsWith('+') ? '+' : '';
  const digits = phone.replace(/[^\d]/g, '');
  if (digits.length >= 11) return `${plus}${digits.slice(0, digits.length - 8)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(digits.length - 4, 2))}${digits.slice(-4)}`;
}
