/**
 * A tiny Prometheus registry: counters kept in memory, gauges read at scrape time, rendered in the
 * text exposition format (0.0.4). Ours rather than prom-client, which pulls in Node-only modules
 * (cluster, v8, perf_hooks) and default collectors that mean nothing in a Worker isolate.
 */
export type Labels = Record<string, string>;

interface Sample {
  labels: Labels;
  value: number;
}

/** A gauge family whose samples are computed when /metrics is scraped (e.g. from the database). */
export type GaugeCollector = () => Promise<Sample[]> | Sample[];

export class Counter {
  private readonly values = new Map<string, Sample>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
    const sample = this.values.get(key);
    if (sample) sample.value += by;
    else this.values.set(key, { labels, value: by });
  }

  /** The current value for exactly these labels (tests). */
  get(labels: Labels = {}): number {
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
    return this.values.get(key)?.value ?? 0;
  }

  samples(): Sample[] {
    return [...this.values.values()];
  }
}

export class Registry {
  private readonly counters: Counter[] = [];
  private readonly gauges: { name: string; help: string; collect: GaugeCollector }[] = [];

  counter(name: string, help: string): Counter {
    const c = new Counter(name, help);
    this.counters.push(c);
    return c;
  }

  gauge(name: string, help: string, collect: GaugeCollector): void {
    this.gauges.push({ name, help, collect });
  }

  /** Renders every family; a gauge whose collector fails is left out (and reported to `onError`). */
  async render(onError?: (name: string, err: unknown) => void): Promise<string> {
    const lines: string[] = [];
    for (const c of this.counters) {
      lines.push(`# HELP ${c.name} ${c.help}`, `# TYPE ${c.name} counter`);
      for (const s of c.samples()) lines.push(sampleLine(c.name, s));
    }
    for (const g of this.gauges) {
      let samples: Sample[];
      try {
        samples = await g.collect();
      } catch (err) {
        onError?.(g.name, err);
        continue;
      }
      lines.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`);
      for (const s of samples) lines.push(sampleLine(g.name, s));
    }
    return `${lines.join("\n")}\n`;
  }
}

function sampleLine(name: string, s: Sample): string {
  const labels = Object.entries(s.labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"')}"`)
    .join(",");
  return `${name}${labels ? `{${labels}}` : ""} ${Number.isFinite(s.value) ? s.value : 0}`;
}
