import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * A small Prometheus registry: counters and gauges with labels, rendered in the text exposition
 * format. Enough for /metrics without a dependency that owns the process's globals.
 */
export class Metrics {
  private counters = new Map<string, { help: string; values: Map<string, number> }>();
  private gauges = new Map<string, { help: string; read: () => number }>();

  counter(name: string, help: string): (labels?: Record<string, string>, by?: number) => void {
    const entry = { help, values: new Map<string, number>() };
    this.counters.set(name, entry);
    return (labels = {}, by = 1) => {
      const key = Object.entries(labels)
        .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
        .join(',');
      entry.values.set(key, (entry.values.get(key) ?? 0) + by);
    };
  }

  gauge(name: string, help: string, read: () => number): void {
    this.gauges.set(name, { help, read });
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, { help, values }] of this.counters) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      if (!values.size) lines.push(`${name} 0`);
      for (const [labels, v] of values) lines.push(`${name}${labels ? `{${labels}}` : ''} ${v}`);
    }
    for (const [name, { help, read }] of this.gauges) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${read()}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who may read /metrics (request counts, memory, SQL and WebSocket figures tell an attacker how
 * the hub is used): with a token configured, a request bearing it; without one, anyone outside
 * production and nobody in production, so that a deployment never exposes it by omission.
 * Answers the refusal, or null when the request may read.
 */
export function metricsRefusal(
  authorization: string | undefined,
  token: string,
  production: boolean,
): { status: 401 | 403; message: string } | null {
  if (!token) return production ? { status: 403, message: '/metrics is off in production until METRICS_TOKEN is set.' } : null;
  const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
  // Compared as digests: equal lengths for timingSafeEqual, and no timing hint of the token's length.
  if (given && timingSafeEqual(digest(given), digest(token))) return null;
  return { status: 401, message: '/metrics needs Authorization: Bearer <METRICS_TOKEN>.' };
}
