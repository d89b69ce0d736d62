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
