/**
 * Layout `ofd` — a Word report converted to OFD (GB/T 33190), as offices publish it beside or instead of a PDF: the
 * `wordPdf` page (A4, 宋体, narrow ruled tables, running headers, page numbers) written as OFD XML pages, in mm. Half
 * of the documents draw a TextObject per character, as OFD printer drivers do; the others one per run of text with its
 * DeltaX. The importer gets the bytes and reads the pages itself.
 */
import type { Rng } from '../../../core/annual-report/generate.ts';
import { truthOf, type PublishedDoc } from '../document.ts';
import { chance } from '../names.ts';
import { writeOfd } from '../ofd-writer.ts';
import type { PublishedSample } from '../sample.ts';
import { wordPages } from './word-pdf.ts';

/** Render a sample as an OFD file. */
export function renderOfd(sample: PublishedSample, rng: Rng): PublishedDoc {
  const { pages, title, features } = wordPages(sample, rng);
  const perChar = chance(rng, 0.5);
  return {
    layout: 'ofd',
    name: `${title}.ofd`,
    ext: 'ofd',
    bytes: writeOfd(pages, title, { perChar }),
    truth: truthOf(sample),
    features: [...features, perChar ? 'ofd:perChar' : 'ofd:runs'],
  };
}
