import { pino, type Logger } from 'pino';
import { maskPersonalData } from '../privacy/mask.rules.js';

/**
 * Structured JSON logs. Messages and string fields are masked: logs leave the bank's systems more
 * easily than the database does.
 */
export function createLogger(level: string): Logger {
  // Synchronous writes: a crash or process.exit never loses the last lines.
  return pino(
    {
      level,
      base: { service: 'voc-hub' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskPersonalData(a) : a));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    pino.destination({ dest: 1, sync: true }),
  );
}
export type { Logger };
