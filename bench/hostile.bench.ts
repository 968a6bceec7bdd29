// One hostile file read in this process (`npm run bench:hostile -- docx|div|table|pdf [pool]`): extractText on the event
// loop as main did, or with `pool` through the extraction pool (src/formats/source/extractor.ts). Prints the time, the
// longest event-loop gap seen by a 10 ms timer, the peak RSS and the answer. Prints figures; asserts nothing.
import { docxBomb, deepDivs, nestedTables, pdfBomb } from '../src/formats/source/hostile.ts';
const kind = process.argv[2];
const bytes = kind === 'docx' ? docxBomb() : kind === 'div' ? deepDivs() : kind === 'table' ? nestedTables() : pdfBomb();
console.log(kind, (bytes.length / 1024).toFixed(0), 'KB');
const { extractText } = await import('../src/formats/source/extract.ts');
const { sourceExtractor } = await import('../src/formats/source/extractor.ts');
let last = performance.now(); let maxGap = 0; let peak = process.memoryUsage().rss;
const t = setInterval(() => { const now = performance.now(); maxGap = Math.max(maxGap, now - last); last = now; peak = Math.max(peak, process.memoryUsage().rss); }, 10);
const start = performance.now();
const r = process.argv[3] === 'pool' ? await sourceExtractor.extract(bytes, 'x.' + (kind === 'div' || kind === 'table' ? 'html' : kind)) : await extractText(bytes, 'x');
clearInterval(t);
const now = performance.now(); maxGap = Math.max(maxGap, now - last);
console.log(JSON.stringify({ ms: Math.round(now - start), maxGapMs: Math.round(maxGap), peakRssMb: Math.round(peak / 1048576), result: r.ok ? { ok: true, len: r.text.length } : r.problem.code + ' ' + r.problem.messageZh.slice(0, 120) }));
