/** A fresh idempotency key; crypto.randomUUID needs a secure context, which an intranet http page is not. */
export function newKey(): string {
  return (
    globalThis.crypto?.randomUUID?.() ??
    `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`
  );
}
