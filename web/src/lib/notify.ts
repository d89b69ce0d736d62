import type { ReactNode } from 'react';

/**
 * Toasts and alert dialogs without antd's <App> in the first bundle: the message and modal code
 * loads on the first notice (every page that can show one has already drawn by then).
 */
const impl = () => import('./notify-impl.js');

export const toast = {
  success: (content: ReactNode) => void impl().then((m) => m.showMessage('success', content)),
  error: (content: ReactNode) => void impl().then((m) => m.showMessage('error', content)),
  warning: (content: ReactNode) => void impl().then((m) => m.showMessage('warning', content)),
  info: (content: ReactNode) => void impl().then((m) => m.showMessage('info', content)),
};

/** A dialog that must be read (a CONFLICT, say). */
export function alertDialog(options: { title: ReactNode; content: ReactNode; kind?: 'warning' | 'error' | 'info' }): void {
  void impl().then((m) => m.showDialog(options.kind ?? 'warning', options.title, options.content));
}
