/**
 * HTML → the text the importer reads (core/annual-report/import): block elements, headings and paragraphs become
 * lines; each table row becomes ONE line, its cells' text joined by tabs. A merged cell (rowspan/colspan) is written
 * once with its own text and never padded, because the importer anchors on row labels; an empty cell stays an empty
 * field, because a blank cell is not a zero. Used for saved web pages and, through mammoth, for Word documents.
 */
import { Parser } from 'htmlparser2';
import { problem, type Problem } from '../../core/errors.ts';
import { HTML_LIMITS } from '../source/limits.ts';

interface Element {
  readonly name: string;
  readonly children: Node[];
  readonly parent: Element | null;
  readonly attribs?: Readonly<Record<string, string>>;
}
type Node = Element | string;

/** Elements whose content is never text of the report. */
const SKIP = new Set(['head', 'script', 'style', 'title', 'noscript', 'template', 'svg', 'math', 'object', 'iframe', 'select', 'button']);
/** Elements that start and end a line. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'ul', 'caption', 'table',
  'thead', 'tbody', 'tfoot', 'tr', 'td', 'th',
]);
const CELL = new Set(['td', 'th']);
/** Blocks that make a lone cell a container of lines rather than one field. */
const CONTAINER_BLOCKS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'pre', 'blockquote', 'section', 'article', 'table']);

/** A document over HTML_LIMITS: refused while parsing, so a hostile page costs time linear in its bytes. */
export class HtmlTooComplex extends Error {
  constructor(
    readonly limit: 'depth' | 'nodes',
    readonly max: number,
  ) {
    super(limit === 'depth' ? `elements nested more than ${max} deep` : `more than ${max} elements`);
  }
}

export type HtmlLimits = { readonly [K in keyof typeof HTML_LIMITS]: number };

/** The element tree. Throws HtmlTooComplex past the limits (nesting depth, element count). */
function parse(html: string, limits: HtmlLimits = HTML_LIMITS): Element {
  const root: Element = { name: '#root', children: [], parent: null };
  let current = root;
  let depth = 0;
  let nodes = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        nodes += 1;
        depth += 1;
        if (depth > limits.depth) throw new HtmlTooComplex('depth', limits.depth);
        if (nodes > limits.nodes) throw new HtmlTooComplex('nodes', limits.nodes);
        const el: Element = { name, children: [], parent: current, attribs };
        current.children.push(el);
        current = el;
      },
      ontext(text) {
        current.children.push(text);
      },
      onclosetag(name) {
        // htmlparser2 closes every element it opened, innermost first; guard anyway against a mismatch.
        let el: Element | null = current;
        let up = 0;
        while (el && el.name !== name) {
          el = el.parent;
          up += 1;
        }
        if (el?.parent) {
          current = el.parent;
          depth -= up + 1;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return root;
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

function elements(el: Element): Element[] {
  return el.children.filter((c): c is Element => typeof c !== 'string');
}

/**
 * Whether any descendant (outside skipped elements) satisfies the test, memoised per element: a table's cells ask
 * it of their subtrees at every level of nesting, which must stay linear in the document.
 */
function descendantTest(test: (e: Element) => boolean): (el: Element) => boolean {
  const memo = new Map<Element, boolean>();
  const has = (el: Element): boolean => {
    const known = memo.get(el);
    if (known !== undefined) return known;
    const found = elements(el).some((c) => !SKIP.has(c.name) && (test(c) || has(c)));
    memo.set(el, found);
    return found;
  };
  return has;
}

/** The text of a cell on one line: blocks and line breaks inside become spaces. */
function inlineText(node: Node): string {
  if (typeof node === 'string') return node;
  if (SKIP.has(node.name)) return '';
  if (node.name === 'br') return ' ';
  const inner = node.children.map(inlineText).join('');
  return BLOCK.has(node.name) ? ` ${inner} ` : inner;
}

class Lines {
  readonly lines: string[] = [];
  private pending = '';

  text(s: string): void {
    this.pending += s;
  }
  /** End the current line (if it has any text). */
  break(): void {
    const line = collapse(this.pending);
    if (line !== '') this.lines.push(line);
    this.pending = '';
  }
  /** A line written as is (a table row: its tabs and empty fields matter). */
  raw(line: string): void {
    this.break();
    this.lines.push(line);
  }
}

/** The rows of a table, through thead/tbody/tfoot (and stray wrappers), not entering nested tables. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const walk = (el: Element): void => {
    for (const c of elements(el)) {
      if (c.name === 'tr') rows.push(c);
      else if (c.name !== 'table' && !CELL.has(c.name) && !SKIP.has(c.name)) walk(c);
    }
  };
  walk(table);
  return rows;
}

/** The cells of a row (direct, or inside stray wrappers such as <font>), not entering nested rows or tables. */
function cellsOf(row: Element): Element[] {
  const cells: Element[] = [];
  const walk = (el: Element): void => {
    for (const c of elements(el)) {
      if (CELL.has(c.name)) cells.push(c);
      else if (c.name !== 'tr' && c.name !== 'table' && !SKIP.has(c.name)) walk(c);
    }
  };
  walk(row);
  return cells;
}

/** Per document: which elements hold a table, which hold a paragraph-like block. */
interface Render {
  readonly hasTable: (el: Element) => boolean;
  readonly hasContainer: (el: Element) => boolean;
}

function renderTable(table: Element, out: Lines, r: Render): void {
  out.break();
  for (const c of elements(table)) {
    if (c.name === 'caption') {
      out.text(inlineText(c));
      out.break();
    }
  }
  for (const row of rowsOf(table)) {
    const cells = cellsOf(row);
    let fields: string[] = [];
    const flush = (): void => {
      // A row without any text (a spacer) is no line: a lone tab would read as a blank cell.
      if (fields.some((f) => f !== '')) out.raw(fields.join('\t'));
      fields = [];
    };
    for (const cell of cells) {
      // A cell holding a nested table (page layout), or the only cell of its row holding paragraphs, is a container:
      // its content is laid out as lines of their own.
      const container =
        r.hasTable(cell) || (cells.length === 1 && r.hasContainer(cell));
      if (container) {
        flush();
        renderBlock(cell, out, r);
        out.break();
      } else {
        fields.push(collapse(inlineText(cell)));
      }
    }
    flush();
  }
  out.break();
}

function renderPre(pre: Element, out: Lines): void {
  out.break();
  const text = pre.children.map(inlineTextKeepingBreaks).join('');
  for (const line of text.split(/\r?\n/)) if (line.trim() !== '') out.raw(line.replace(/\s+$/, ''));
}

function inlineTextKeepingBreaks(node: Node): string {
  if (typeof node === 'string') return node;
  if (SKIP.has(node.name)) return '';
  if (node.name === 'br') return '\n';
  return node.children.map(inlineTextKeepingBreaks).join('');
}

function renderBlock(el: Element, out: Lines, r: Render): void {
  for (const node of el.children) {
    if (typeof node === 'string') {
      out.text(node);
      continue;
    }
    if (SKIP.has(node.name)) continue;
    if (node.name === 'table') renderTable(node, out, r);
    else if (node.name === 'pre') renderPre(node, out);
    else if (node.name === 'br') out.break();
    else if (BLOCK.has(node.name)) {
      out.break();
      renderBlock(node, out, r);
      out.break();
    } else renderBlock(node, out, r);
  }
}

function textOf(root: Element): string {
  const out = new Lines();
  const r: Render = { hasTable: descendantTest((e) => e.name === 'table'), hasContainer: descendantTest((e) => CONTAINER_BLOCKS.has(e.name)) };
  renderBlock(root, out, r);
  out.break();
  return out.lines.length > 0 ? `${out.lines.join('\n')}\n` : '';
}

/**
 * The text of an HTML document or fragment for the importer: one line per block, one tab-separated line per table
 * row. Throws HtmlTooComplex past HTML_LIMITS (htmlparser2 itself recovers from any markup); readHtml returns it as a
 * problem instead.
 */
export function htmlToText(html: string, limits?: HtmlLimits): string {
  return textOf(parse(html, limits));
}

export type HtmlReading = { ok: true; text: string; title: string | null } | { ok: false; problem: Problem };

/** The problem of a document over the limits (`import.tooComplex`). Never throws. */
export function tooComplex(e: HtmlTooComplex): Problem {
  return problem(
    'import.tooComplex',
    '',
    e.limit === 'depth' ? { zh: `元素嵌套超过 ${e.max} 层`, en: `elements nested more than ${e.max} deep` } : { zh: `元素超过 ${e.max} 个`, en: `more than ${e.max} elements` },
    { limit: e.limit, max: e.max },
  );
}

/**
 * An HTML page read once: its text (as htmlToText) and its titles (as htmlTitle). Errors (as values):
 * `import.tooComplex` past HTML_LIMITS, found while parsing.
 */
export function readHtml(html: string, limits?: HtmlLimits): HtmlReading {
  let root: Element;
  try {
    root = parse(html, limits);
  } catch (e) {
    if (e instanceof HtmlTooComplex) return { ok: false, problem: tooComplex(e) };
    throw e;
  }
  return { ok: true, text: textOf(root), title: titleOf(root) };
}

/** Meta tags naming the page's report: Open Graph, and the Title/ArticleTitle of Chinese government CMSs. */
const TITLE_META = ['og:title', 'articletitle', 'title', 'dc.title', 'description', 'og:description'];

/**
 * The page's own titles, for detecting the report's year and organisation when the body does not print them
 * (core/annual-report/import/detect.ts): the meta titles (og:title, ArticleTitle, Title, description …) and <title>,
 * one per line, duplicates dropped; null when the page has none. Throws HtmlTooComplex past HTML_LIMITS.
 */
export function htmlTitle(html: string): string | null {
  return titleOf(parse(html));
}

function titleOf(root: Element): string | null {
  const metas = new Map<string, string>();
  const titles: string[] = [];
  const walk = (el: Element): void => {
    for (const c of elements(el)) {
      if (c.name === 'meta') {
        const key = (c.attribs?.name ?? c.attribs?.property ?? '').toLowerCase();
        const content = collapse(c.attribs?.content ?? '');
        if (TITLE_META.includes(key) && content !== '' && !metas.has(key)) metas.set(key, content);
      } else if (c.name === 'title') titles.push(collapse(c.children.map(inlineTextKeepingBreaks).join('')));
      if (c.name !== 'body') walk(c);
    }
  };
  walk(root);
  const ordered = [...TITLE_META.slice(0, 4).map((k) => metas.get(k)), ...titles, ...TITLE_META.slice(4).map((k) => metas.get(k))];
  const lines = [...new Set(ordered.filter((t): t is string => t !== undefined && t !== ''))];
  return lines.length > 0 ? lines.join('\n') : null;
}
