/**
 * The process's metrics in the Prometheus text format 0.0.4 (GET /metrics, issue 14 item 8): requests by route pattern
 * (never the concrete path: ids and numbers stay out) and status, a latency histogram, requests in flight, the event
 * loop's lag, the depth of the extraction pool and of the PDF export queue, the PostgreSQL pool, memory. Who may read
 * them is decided in ./observe.ts (metricsAllowed). No dependency: the format is a few lines of text.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Latency buckets in seconds: the portal's goal is p99 < 50 ms (issue 14 item 6), a PDF export takes seconds. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** A gauge read at scrape time: its labels and value. */
export interface GaugeReading {
  readonly labels?: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A family of gauges read when scraped (queue depths, pool sizes). */
export interface GaugeSource {
  readonly name: string;
  readonly help: string;
  readonly read: () => readonly GaugeReading[];
}

export interface Metrics {
  /** Count one answered request and its duration. */
  readonly observe: (method: string, route: string, status: number, seconds: number) => void;
  /** A request started (+1) or ended (−1). */
  readonly inFlight: (delta: 1 | -1) => void;
  /** Requests being answered now. */
  readonly inFlightNow: () => number;
  /** The text exposition. */
  readonly render: () => string;
  /** Stop the event-loop sampler. */
  readonly stop: () => void;
}

/** A label value escaped for the text format (backslash, quote, newline). */
const esc = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = (labels: Readonly<Record<string, string>>): string => {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}="${esc(v)}"`).join(',')}}`;
};
/** A number as the format writes it (integers plain, +Inf spelled out). */
const num = (n: number): string => (n === Infinity ? '+Inf' : Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(9))));

interface Series {
  readonly method: string;
  readonly route: string;
  count: number;
  sum: number;
  readonly buckets: number[];
  readonly byStatus: Map<number, number>;
}

/** Metrics of this process; `gauges` are read at each scrape. The event loop is sampled every 20 ms. Never throws. */
export function createMetrics(gauges: readonly GaugeSource[] = [], startedAt = Date.now()): Metrics {
  const series = new Map<string, Series>();
  let inFlight = 0;
  let lag: IntervalHistogram | null = monitorEventLoopDelay({ resolution: 20 });
  lag.enable();

  const observe = (method: string, route: string, status: number, seconds: number): void => {
    const key = `${method} ${route}`;
    let s = series.get(key);
    if (!s) {
      s = { method, route, count: 0, sum: 0, buckets: LATENCY_BUCKETS.map(() => 0), byStatus: new Map() };
      series.set(key, s);
    }
    s.count += 1;
    s.sum += seconds;
    LATENCY_BUCKETS.forEach((le, i) => {
      if (seconds <= le) s.buckets[i] = (s.buckets[i] ?? 0) + 1;
    });
    s.byStatus.set(status, (s.byStatus.get(status) ?? 0) + 1);
  };

  const render = (): string => {
    const out: string[] = [];
    const family = (name: string, type: string, help: string): void => void out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    const sorted = [...series.values()].sort((a, b) => (a.route === b.route ? (a.method < b.method ? -1 : 1) : a.route < b.route ? -1 : 1));

    family('gongkai_http_requests_total', 'counter', 'Requests answered, by method, route pattern and status.');
    for (const s of sorted) {
      for (const [status, n] of [...s.byStatus].sort((a, b) => a[0] - b[0])) out.push(`gongkai_http_requests_total${labelText({ method: s.method, route: s.route, status: String(status) })} ${n}`);
    }
    family('gongkai_http_request_duration_seconds', 'histogram', 'Time from the request to the response headers, by method and route pattern.');
    for (const s of sorted) {
      const l = { method: s.method, route: s.route };
      LATENCY_BUCKETS.forEach((le, i) => out.push(`gongkai_http_request_duration_seconds_bucket${labelText({ ...l, le: num(le) })} ${s.buckets[i] ?? 0}`));
      out.push(`gongkai_http_request_duration_seconds_bucket${labelText({ ...l, le: '+Inf' })} ${s.count}`);
      out.push(`gongkai_http_request_duration_seconds_sum${labelText(l)} ${num(s.sum)}`);
      out.push(`gongkai_http_request_duration_seconds_count${labelText(l)} ${s.count}`);
    }
    family('gongkai_http_requests_in_flight', 'gauge', 'Requests being answered now.');
    out.push(`gongkai_http_requests_in_flight ${inFlight}`);

    // The event loop's delay since the last scrape (then reset): how long a ready callback waited.
    family('gongkai_event_loop_lag_seconds', 'gauge', 'Event-loop delay since the previous scrape, by quantile (1 = the maximum).');
    if (lag) {
      const seconds = (ns: number): number => (Number.isFinite(ns) && lag && lag.count > 0 ? ns / 1e9 : 0);
      for (const q of [0.5, 0.9, 0.99]) out.push(`gongkai_event_loop_lag_seconds${labelText({ quantile: String(q) })} ${num(seconds(lag.percentile(q * 100)))}`);
      out.push(`gongkai_event_loop_lag_seconds${labelText({ quantile: '1' })} ${num(seconds(lag.max))}`);
      lag.reset();
    }

    for (const g of gauges) {
      family(g.name, 'gauge', g.help);
      for (const r of g.read()) out.push(`${g.name}${labelText(r.labels ?? {})} ${num(r.value)}`);
    }

    const mem = process.memoryUsage();
    family('process_resident_memory_bytes', 'gauge', 'Resident memory of the process.');
    out.push(`process_resident_memory_bytes ${mem.rss}`);
    family('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use.');
    out.push(`nodejs_heap_used_bytes ${mem.heapUsed}`);
    family('process_start_time_seconds', 'gauge', 'When the process started (Unix time).');
    out.push(`process_start_time_seconds ${num(Math.floor(startedAt / 1000))}`);
    return `${out.join('\n')}\n`;
  };

  return {
    observe,
    inFlight: (delta) => void (inFlight += delta),
    inFlightNow: () => inFlight,
    render,
    stop: () => {
      lag?.disable();
      lag = null;
    },
  };
}
