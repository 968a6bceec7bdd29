/** The catalog's use cases and the dependencies the server and CLI give them. */
import type { AttachmentText } from './attachments.ts';
import type { CatalogDeps } from './documents.ts';
import type { CatalogFiles, CatalogSeed } from './ports.ts';
import type { Problem } from '../../core/errors.ts';

export * from './documents.ts';
export * from './decisions.ts';
export * from './attachments.ts';
export * from './release.ts';
export * from './site-import.ts';

/** Everything the catalog's routes and commands need: the use cases' deps plus the file store, text extraction, seed and table reader. */
export interface CatalogServiceDeps extends CatalogDeps {
  readonly files: CatalogFiles;
  readonly text: AttachmentText;
  readonly seed: CatalogSeed;
  readonly readTable: (bytes: Uint8Array) => Promise<{ ok: true; rows: string[][] } | { ok: false; problems: Problem[] }>;
}
