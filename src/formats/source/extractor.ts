/**
 * The TextExtractor port (src/app/annual-report/ports.ts) over ./extract.ts: the CLI and the web upload hand it to
 * the `importReport` use case.
 */
import type { TextExtractor } from '../../app/annual-report/ports.ts';
import { extractText } from './extract.ts';

/** The text extractor of src/formats/source (sniffs the format from the bytes). Never rejects on bad input. */
export const sourceExtractor: TextExtractor = { extract: (bytes, name) => extractText(bytes, name) };
