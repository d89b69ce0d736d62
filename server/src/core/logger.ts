import { pino, type Logger } from 'pino';
import { maskPersonalData } from './mask.rules.js';

/**
 * Paths pino replaces before a line is written: credentials never reach the logs, whatever object
 * a caller hands over (a request's headers, variables, an input). The audit rules (secret.rules.ts)
 * keep them out of what the hub logs on purpose; this catches the rest.
 */
export const LOG_REDACT_PATHS = [
  'password',
  'currentPassword',
  'newPassword',
  'authorization',
  'token',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.authorization',
  '*.token',
  '*.*.password',
  '*.*.currentPassword',
  '*.*.newPassword',
  '*.*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  'variables.*.password',
  'variables.*.currentPassword',
  'variables.*.newPassword',
];

/**
 * Structured JSON logs. Messages and string fields are masked: logs leave the bank's systems more
 * easily than the database does.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  // Synchronous writes: a crash or process.exit never loses the last lines.
  return pino(
    {
      level,
      base: { service: 'voc-hub' },
      redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskPersonalData(a) : a));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
export type { Logger };
