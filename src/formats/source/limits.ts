/**
 * The limits on reading an untrusted file, in one place with their reasons (docs/decisions.md "Untrusted files").
 * Every file a user hands in — the web upload of /import, `gongkai import`, a season's folder — is read in a worker
 * thread of ./pool.ts under these limits, so a hostile file costs bounded time and memory and answers with a coded
 * problem, never a stalled or dead server. Annual reports are small: a 2021 report is about 300 cells and a few
 * pages of text; the largest real ones seen are under 5 MB as .docx or .pdf (most of it pictures).
 */

export const EXTRACT_LIMITS = {
  /**
   * Worker threads reading files at once. Two: the machine of a county office has two to four cores, and the server
   * must keep one for its requests; an upload waits in the queue rather than taking the last core.
   */
  workers: 2,
  /**
   * Long jobs (OCR of a scan: about 5–20 s a page, minutes for a 30-page file) running at once, each in a worker of its
   * own beside the `workers` (./pool.ts long lane), so text files are never stuck behind a scan. One: OCR takes a
   * whole core and 1.5–2 GB at its peak (the detector); a second scan waits for the first, its clock stopped.
   */
  longJobs: 1,
  /**
   * Uploads waiting for a worker before the next is refused with `import.busy` (503, Retry-After). Eight: a season's
   * import is one file at a time, and eight users uploading within the same few seconds is already a busy office.
   */
  queue: 8,
  /**
   * One file's wall-clock time in a worker; then the worker is terminated and replaced (`import.timeout`). The
   * slowest legitimate file measured (a 600-page PDF of tables) reads in under 4 s; 30 s leaves room for a loaded
   * machine without leaving a worker to a hostile file for minutes.
   */
  timeoutMs: 30_000,
  /**
   * A worker's V8 heap (worker resourceLimits.maxOldGenerationSizeMb); beyond it V8 ends the worker, not the process
   * (`import.tooLarge`). mammoth holds a document's XML as a tree of about 25 times its size: 256 MB carries a
   * document.xml of about 10 MB (a thousand pages), far over any annual report.
   */
  heapMb: 256,
  /** The young generation and the stack of a worker (resourceLimits): V8's defaults, stated so the ceiling is known. */
  youngMb: 32,
  stackMb: 4,
} as const;

/**
 * ZIP containers (.docx, .xlsx) are walked before any library opens them, each entry inflated as a stream and its
 * real bytes counted (the sizes a ZIP declares are the attacker's to choose).
 */
export const ZIP_LIMITS = {
  /** Entries in the archive: a docx has 10 to 40, an xlsx one per sheet and part; thousands mean a hostile archive. */
  entries: 2_000,
  /**
   * Inflated bytes of one entry. A document.xml of 32 MB is a Word file of about three thousand pages (a report's is
   * 0.1–2 MB); the docx bomb inflates one 460 KB entry to 150 MB.
   */
  entryBytes: 32 * 1024 * 1024,
  /** Inflated bytes of all entries together (pictures stay as they are in a docx: they are counted at their size). */
  totalBytes: 96 * 1024 * 1024,
  /**
   * Inflated / compressed of the whole archive, once it inflates to more than `ratioFloorBytes`. Office XML deflates
   * about 5–15 to 1 and pictures barely at all; 100 to 1 over megabytes is a bomb built of repetition.
   */
  ratio: 100,
  ratioFloorBytes: 8 * 1024 * 1024,
} as const;

/**
 * A season's archive of published reports (the web's 导入年度报告 of an area): a ZIP of report files, checked like any
 * ZIP before a file is read (an area of a few hundred organisations, one report each, with their folders). Entries,
 * one entry's bytes, the ratio and its floor as for office files; all together 512 MB, about a hundred
 * scanned PDFs.
 */
export const SEASON_ZIP_LIMITS = { ...ZIP_LIMITS, totalBytes: 512 * 1024 * 1024 } as const;

/**
 * HTML (saved pages and mammoth's output) is refused while it is parsed, so the cost is linear in its bytes. Real
 * pages nest 20–60 elements deep (government CMS layouts with tables in tables); a 2021 report as HTML is about
 * 5 000 elements, a whole-year page of a CMS about 30 000.
 */
export const HTML_LIMITS = {
  /** Elements open at once. */
  depth: 256,
  /** Elements in the document. */
  nodes: 300_000,
} as const;

/**
 * The XML parts of an office package (.docx: document, styles, numbering, notes, relationships), checked in one linear
 * pass before mammoth's XML parser (@xmldom/xmldom) reads them (./xml-shape.ts): that parser's time grows with the
 * square of the nodes at the top level and of the depth. Word writes one declaration and one root element, and nests
 * a few levels per table (w:tbl/w:tr/w:tc/w:p), so 256 is tables in tables forty deep; refused as `import.tooComplex`.
 */
export const XML_LIMITS = {
  /** Elements open at once (as HTML_LIMITS.depth). */
  depth: 256,
  /** Nodes at the top level: declarations, comments, text runs and the root element. */
  topLevel: 64,
} as const;

/** PDF: pages and bytes of text bounded (time by EXTRACT_LIMITS.timeoutMs; pdftotext also has its own timeout). */
export const PDF_LIMITS = {
  /** Pages read: an annual report has a few dozen; the rest of a longer file is not read. */
  pages: 2_000,
  /** Word boxes written by `pdftotext -bbox` (about 100 bytes per word): 100 MB is a million words, a report has ten thousand. */
  bboxBytes: 100 * 1024 * 1024,
  /** Address space of the pdftotext process (ulimit -v): poppler reads a report in under 100 MB. */
  pdftotextMemoryMb: 1024,
} as const;

/**
 * Scans read by OCR (../ocr, docs/decisions.md "Scans (OCR)"). OCR costs seconds per page where text extraction costs
 * milliseconds, so its time is counted per page: the worker reports each page read and the pool grants the page's time
 * again (EXTRACT_LIMITS.timeoutMs per page), up to `fileMs` for the whole file.
 */
export const OCR_LIMITS = {
  /** Pages read by OCR in one file: an annual report has a few dozen; a scan of more is refused (`import.tooLarge`). */
  pages: 60,
  /**
   * Pixels of one page image (libvips refuses a larger image from its header, before decoding it): 40 million is an A4
   * page at 600 dpi; a decompression bomb of a PNG declares far more.
   */
  pixels: 40_000_000,
  /** A PDF page is rasterised with its longer side this many pixels: A4 at 200 dpi, where the models read tables best. */
  rasterLongSide: 2339,
  /**
   * A page whose scanned image is finer than that (a 300 dpi scan) is rasterised at the image's own resolution, at most
   * this many pixels on its longer side (A4 at 400 dpi), and brought down to rasterLongSide by sharp with an area
   * filter: pdftoppm's own downscaling keeps one in so many pixels, and thin print came out broken (see bench:scan).
   */
  rasterMaxLongSide: 4678,
  /** Text boxes recognised on one page: a report's densest page has about 400; the rest of a hostile page is not read. */
  boxesPerPage: 1500,
  /** The whole file's wall-clock limit, however many pages it has (20 minutes: 60 pages at 20 s). */
  fileMs: 20 * 60_000,
  /**
   * A value whose least sure character is below this probability is not taken (the cell stays null with
   * `import.ocrUncertain`). Set from `npm run bench:scan`: see docs/decisions.md.
   */
  confidence: 0.9,
  /** Address space of one pdftoppm process (ulimit -v), as for pdftotext. */
  pdftoppmMemoryMb: 1024,
} as const;
