/**
 * The ReportStore port (src/app/annual-report/ports.ts) on the local disk: one canonical JSON file per saved report,
 * `<dataDir>/reports/<id>.json`, readable by `gongkai check` as any other report file. The folder is created on the
 * first save. Ids are the day of saving and a random suffix (2026-11-23-k3x9q2): safe in a URL and a file name.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportStore, StoredReport } from '../app/annual-report/ports.ts';
import { parseProvenance } from '../core/annual-report/import/provenance.ts';
import type { CellProvenance } from '../core/annual-report/import/import-text.ts';
import { parseReportJson } from '../core/annual-report/parse.ts';
import { stringifyReport } from '../core/annual-report/serialize.ts';
import { DomainError } from '../core/errors.ts';

/** A saved report's id: YYYY-MM-DD-xxxxxx (lower-case letters and digits). Nothing else names a file. */
export const STORED_ID = /^\d{4}-\d{2}-\d{2}-[a-z0-9]{6}$/;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Ids tried before a save gives up (each collision is one in 36^6 a day). */
const ATTEMPTS = 5;

export interface ReportFilesOptions {
  /** The clock for the day in the id; defaults to the system clock (local time). */
  readonly now?: () => Date;
  /** The six-character suffix of an id; defaults to a random one. */
  readonly suffix?: () => string;
  /** Writes a new file (default fs writeFile, never overwriting); tests pass one that fails half way (a full disk). */
  readonly write?: (path: string, text: string) => Promise<void>;
}

function randomSuffix(): string {
  return [...randomBytes(6)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

function day(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const isCode = (error: unknown, code: string): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === code;

/**
 * The store under `<dataDir>/reports`. `list` leaves out files that do not parse as a canonical report (`get` of such
 * an id rejects with DomainError naming the file's problems); `save` rejects with the system error when the folder
 * cannot be written.
 */
export function reportFiles(dataDir: string, options: ReportFilesOptions = {}): ReportStore {
  const dir = join(dataDir, 'reports');
  const now = options.now ?? (() => new Date());
  const suffix = options.suffix ?? randomSuffix;
  const write = options.write ?? ((path: string, text: string) => writeFile(path, text, { flag: 'wx' }));
  const pathOf = (id: string) => join(dir, `${id}.json`);

  const read = async (id: string): Promise<StoredReport | null> => {
    let text: string;
    try {
      text = await readFile(pathOf(id), 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return null;
      throw error;
    }
    const parsed = parseReportJson(text);
    if (!parsed.ok) throw new DomainError(parsed.problems.map((p) => ({ ...p, at: `reports/${id}.json: ${p.at}` })));
    // The provenance file is optional (reports saved before it existed, or not from an import) and re-checked.
    let provenance: CellProvenance[] | null = null;
    try {
      provenance = parseProvenance(await readFile(join(dir, `${id}.provenance.json`), 'utf8'), parsed.report);
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error;
    }
    return { id, report: parsed.report, ...(provenance ? { provenance } : {}) };
  };

  return {
    async list() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if (isCode(error, 'ENOENT')) return [];
        throw error;
      }
      const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length)).filter((id) => STORED_ID.test(id));
      // One file at a time (no EMFILE on a big folder). A file that does not parse is left out of the list (opening
      // it names the problem); a file deleted meanwhile is skipped; any other IO error is not hidden.
      const found: ({ stored: StoredReport; mtime: number } | null)[] = [];
      for (const id of ids) {
        try {
          const stored = await read(id);
          found.push(stored ? { stored, mtime: (await stat(pathOf(id))).mtimeMs } : null);
        } catch (error) {
          if (error instanceof DomainError || isCode(error, 'ENOENT')) continue;
          throw error;
        }
      }
      return found
        .filter((x): x is { stored: StoredReport; mtime: number } => x !== null)
        .sort((a, b) => b.mtime - a.mtime || (a.stored.id < b.stored.id ? 1 : -1))
        .map((x) => x.stored);
    },

    async get(id) {
      return STORED_ID.test(id) ? read(id) : null;
    },

    async withdraw(id) {
      if (!STORED_ID.test(id) || (await read(id)) === null) return false;
      // Kept in reports/withdrawn/ (not listed, not served): a withdrawal can be undone by moving the files back.
      const aside = join(dir, 'withdrawn');
      await mkdir(aside, { recursive: true });
      await rename(pathOf(id), join(aside, `${id}.json`));
      await rename(join(dir, `${id}.provenance.json`), join(aside, `${id}.provenance.json`)).catch((error: unknown) => {
        if (!isCode(error, 'ENOENT')) throw error;
      });
      return true;
    },

    async save(report, provenance) {
      await mkdir(dir, { recursive: true });
      // Written aside first and then linked under its id, so a full disk or a crash half way leaves no half-written
      // report under a report's name (only a temporary file, removed here; `list` never reads one).
      const tmp = join(dir, `.saving-${randomSuffix()}${randomSuffix()}`);
      const tmpProvenance = provenance ? `${tmp}.provenance` : null;
      try {
        await write(tmp, stringifyReport(report));
        if (tmpProvenance) await write(tmpProvenance, `${JSON.stringify(provenance)}\n`);
        for (let attempt = 1; ; attempt += 1) {
          const id = `${day(now())}-${suffix()}`;
          if (!STORED_ID.test(id)) throw new TypeError(`invalid report id ${JSON.stringify(id)}`);
          try {
            // link: never overwrites another saved report (EEXIST: try another id).
            await link(tmp, pathOf(id));
          } catch (error) {
            if (!isCode(error, 'EEXIST') || attempt >= ATTEMPTS) throw error;
            continue;
          }
          if (tmpProvenance) {
            // Both files or neither: a report whose provenance could not be put beside it is taken back.
            await rename(tmpProvenance, join(dir, `${id}.provenance.json`)).catch(async (error: unknown) => {
              await rm(pathOf(id), { force: true });
              throw error;
            });
          }
          return id;
        }
      } finally {
        await rm(tmp, { force: true });
        if (tmpProvenance) await rm(tmpProvenance, { force: true });
      }
    },
  };
}
