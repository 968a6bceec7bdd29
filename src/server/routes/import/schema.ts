/**
 * Request schemas of the import routes: the upload form (`POST /import`) and the save form (`POST /import/save`),
 * validated before any use case runs. Each failure becomes a coded problem in Chinese and English, located by field.
 */
import { z } from 'zod';
import type { ImportOptions } from '../../../core/annual-report/import/import-text.ts';
import { TEMPLATE_IDS } from '../../../core/annual-report/templates/index.ts';
import { problem, type Problem } from '../../../core/errors.ts';

/** The largest file the upload accepts. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** The largest request body of an upload: the file plus the multipart boundaries and the other fields. */
export const MAX_UPLOAD_BODY = MAX_UPLOAD_BYTES + 64 * 1024;
/** The largest canonical JSON the save form takes (a full 2021 report is about 20 KB). */
export const MAX_SAVE_CHARS = 1024 * 1024;

const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** An empty text field means “not given”. */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const ImportForm = z.object({
  file: z
    .instanceof(File)
    // A browser sends an unnamed, empty part when no file was chosen.
    .refine((f) => f.name !== '' || f.size > 0, { message: 'noFile' })
    .refine((f) => f.size <= MAX_UPLOAD_BYTES, { message: 'tooLarge' }),
  template: z.preprocess(blank, z.enum(TEMPLATE_IDS).optional()),
  year: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^\d{1,6}$/)
      .transform(Number)
      .pipe(z.number().int().min(1990).max(2100))
      .optional(),
  ),
  organization: z.preprocess(blank, z.string().trim().max(100).optional()),
});

/** What the user typed, as text, to fill the form in again. */
export interface ImportFormValues {
  readonly template: string;
  readonly year: string;
  readonly organization: string;
}

export const EMPTY_FORM: ImportFormValues = { template: '', year: '', organization: '' };

export interface ImportRequest {
  readonly file: File;
  /** The file's base name, for messages. */
  readonly name: string;
  readonly options: ImportOptions;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The file's base name (a browser may send a path). */
function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

function fieldProblem(field: string, message: string, body: Record<string, unknown>): Problem {
  const file = body.file instanceof File ? body.file : null;
  switch (field) {
    case 'file':
      if (message === 'tooLarge' && file) {
        return problem('input.tooLarge', 'file', { zh: `文件不能超过 ${MB(MAX_UPLOAD_BYTES)}（所选文件 ${MB(file.size)}）`, en: `the file must not exceed ${MB(MAX_UPLOAD_BYTES)} (this one is ${MB(file.size)})` }, { bytes: file.size, max: MAX_UPLOAD_BYTES });
      }
      return problem('input.unreadable', 'file', { zh: '请选择要导入的文件', en: 'choose a file to import' });
    case 'template':
      return problem('report.template', 'template', { zh: `收到“${text(body.template)}”`, en: `got "${text(body.template)}"` });
    case 'year':
      return problem('report.year', 'year', { zh: `收到“${text(body.year)}”`, en: `got "${text(body.year)}"` });
    default:
      return problem('report.organization', 'organization', { zh: '机关名称不能超过 100 字', en: 'at most 100 characters' });
  }
}

/** The upload too large for the body limit: the same message as a file over the size. */
export function tooLargeProblem(): Problem {
  return problem('input.tooLarge', 'file', { zh: `文件不能超过 ${MB(MAX_UPLOAD_BYTES)}`, en: `the file must not exceed ${MB(MAX_UPLOAD_BYTES)}` }, { max: MAX_UPLOAD_BYTES });
}

/** Validate the parsed multipart body. Failures → problems located by field (`file`, `year`, …). Never throws. */
export function parseImportForm(
  body: Record<string, unknown>,
): { ok: true; request: ImportRequest; values: ImportFormValues } | { ok: false; problems: Problem[]; values: ImportFormValues } {
  const values: ImportFormValues = { template: text(body.template), year: text(body.year), organization: text(body.organization) };
  const parsed = ImportForm.safeParse(body);
  if (!parsed.success) {
    const seen = new Set<string>();
    const problems = parsed.error.issues.flatMap((i) => {
      const field = String(i.path[0] ?? 'file');
      if (seen.has(field)) return [];
      seen.add(field);
      return [fieldProblem(field, i.message, body)];
    });
    return { ok: false, problems, values };
  }
  const { file, template, year, organization } = parsed.data;
  return {
    ok: true,
    request: {
      file,
      name: baseName(file.name),
      options: { ...(template ? { template } : {}), ...(year !== undefined ? { year } : {}), ...(organization ? { organization } : {}) },
    },
    values,
  };
}

/** The save form's body over the limit. */
export function saveTooLargeProblem(): Problem {
  return problem('input.tooLarge', 'report', { zh: `报告数据超过 ${MB(MAX_SAVE_CHARS)}`, en: `the report data exceeds ${MB(MAX_SAVE_CHARS)}` });
}

export const SaveForm = z.object({ report: z.string().min(1).max(MAX_SAVE_CHARS), provenance: z.string().max(MAX_SAVE_CHARS).optional() });

/** Validate the save form: the canonical JSON as text (parsed and checked by the use case). Never throws. */
export function parseSaveForm(body: Record<string, unknown>): { ok: true; json: string; provenanceJson?: string } | { ok: false; problems: Problem[] } {
  const parsed = SaveForm.safeParse(body);
  if (parsed.success) return { ok: true, json: parsed.data.report, ...(parsed.data.provenance ? { provenanceJson: parsed.data.provenance } : {}) };
  const long = typeof body.report === 'string' && body.report.length > MAX_SAVE_CHARS;
  return {
    ok: false,
    problems: [
      long
        ? saveTooLargeProblem()
        : problem('report.notObject', 'report', { zh: '表单中没有报告数据，请重新导入', en: 'the form carries no report: import the file again' }),
    ],
  };
}
