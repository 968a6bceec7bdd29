/**
 * The server's log (issue 14 item 8): one JSON object per line on stdout — `{"time","level","event",…fields}` — so a
 * log shipper reads it without a parser of its own. GONGKAI_LOG (src/server/config.ts) chooses the format: `json`
 * (the default of a production start), `text` (one readable line per event: the default of `npm start`'s demo), or
 * `off` (errors only, as readable lines; start-up notices are still printed). What may be logged is decided in docs/decisions.md
 * "Operations and faults": never a name, an identity number, a phone, a body, a query string or a client address —
 * the callers pass only the fields listed there, and `logLine` drops any field it does not know.
 */

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'text' | 'off';

/** The fields an event may carry: nothing else is written (a field added by mistake is dropped, not logged). */
export const LOG_FIELDS = [
  'id', 'method', 'route', 'status', 'ms', 'bytes', 'error', 'code', 'message', 'stack', 'signal', 'inFlight', 'cut', 'port', 'host',
  'engine', 'migrations', 'reason',
] as const;
export type LogField = (typeof LOG_FIELDS)[number];
export type LogFields = Partial<Record<LogField, string | number | boolean | null>>;

export interface Logger {
  /** A structured event (`request`, `error`, `db.connectionError`, `shutdown.start`…). */
  readonly event: (level: LogLevel, event: string, fields?: LogFields) => void;
  /** A start-up notice for the person starting the server (the set-up link, the demo accounts): printed in every format. */
  readonly notice: (text: string) => void;
}

const KNOWN = new Set<string>(LOG_FIELDS);
/** The longest string a field keeps (a stack, an error message). */
const MAX_FIELD = 2000;

/** One event as its JSON line (without the newline): only LOG_FIELDS, strings cut at MAX_FIELD. Never throws. */
export function logLine(time: Date, level: LogLevel, event: string, fields: LogFields = {}): string {
  const out: Record<string, unknown> = { time: time.toISOString(), level, event };
  for (const [key, value] of Object.entries(fields)) {
    if (!KNOWN.has(key) || value === undefined) continue;
    out[key] = typeof value === 'string' && value.length > MAX_FIELD ? `${value.slice(0, MAX_FIELD)}…` : value;
  }
  return JSON.stringify(out);
}

/** One event as a readable line (format `text`). Never throws. */
function textLine(time: Date, level: LogLevel, event: string, fields: LogFields): string {
  const parts = Object.entries(fields)
    .filter(([k, v]) => KNOWN.has(k) && v !== undefined && k !== 'stack')
    .map(([k, v]) => `${k}=${typeof v === 'string' && /\s/.test(v) ? JSON.stringify(v) : String(v)}`);
  const stack = level === 'error' && typeof fields.stack === 'string' ? `\n${fields.stack}` : '';
  return `${time.toISOString().slice(11, 19)} ${level.padEnd(5)} ${event} ${parts.join(' ')}${stack}`;
}

/** A logger writing lines to `write` (default stdout). Never throws. */
export function createLogger(format: LogFormat, write: (line: string) => void = (line) => void process.stdout.write(`${line}\n`), now: () => Date = () => new Date()): Logger {
  return {
    event: (level, event, fields = {}) => {
      if (format === 'off' && level !== 'error') return;
      write(format === 'json' ? logLine(now(), level, event, fields) : textLine(now(), level, event, fields));
    },
    notice: (text) => write(format === 'json' ? logLine(now(), 'info', 'notice', { message: text }) : text),
  };
}

/** A logger that writes nothing (tests, and an app built without one). */
export const SILENT_LOGGER: Logger = { event: () => undefined, notice: () => undefined };

/** An unexpected error as log fields: its class, code and message and stack — never a database error's `detail` (it quotes row values). */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: typeof error, message: String(error).slice(0, 200) };
  const code = (error as { code?: unknown }).code;
  return { error: error.name, ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}), message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
}
