/**
 * The rich-text body of a catalog document (RichText port, app/catalog/ports.ts): an allow-list sanitiser over
 * htmlparser2. Only the tags of an official document survive (paragraphs, headings, lists, tables, emphasis, links,
 * images); every attribute is dropped except href (http, https, mailto or a path of this site), src (http, https or a
 * path of this site), alt, title, colspan and rowspan; script, style, iframe, object and template are removed with
 * their content; comments are dropped. Returns the HTML and its plain text (for search). Never throws.
 */
import { Parser } from 'htmlparser2';
import type { RichText } from '../../app/catalog/ports.ts';
import { escapeHtml } from './escape.ts';

const ALLOWED = new Set(['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'blockquote', 'a', 'img', 'span', 'div', 'sub', 'sup', 'hr']);
const VOID = new Set(['br', 'img', 'hr']);
const DROP_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'svg', 'math', 'textarea', 'select']);
const BLOCK = new Set(['p', 'br', 'h2', 'h3', 'h4', 'li', 'tr', 'div', 'blockquote', 'hr', 'table']);
const SAFE_URL = /^(https?:\/\/|mailto:|\/(?!\/))/i;

function attrs(tag: string, a: Record<string, string>): string {
  const out: string[] = [];
  // Browsers ignore control characters and spaces inside a scheme (java\tscript:): drop them before checking.
  const url = (v: string) => [...v].filter((ch) => ch.charCodeAt(0) > 0x20).join('');
  if (tag === 'a' && a.href !== undefined && SAFE_URL.test(url(a.href))) out.push(`href="${escapeHtml(url(a.href))}"`, 'rel="noopener noreferrer"');
  if (tag === 'img' && a.src !== undefined && /^(https?:\/\/|\/(?!\/))/i.test(url(a.src))) out.push(`src="${escapeHtml(url(a.src))}"`);
  if (tag === 'img') out.push(`alt="${escapeHtml(a.alt ?? '')}"`);
  if (a.title !== undefined) out.push(`title="${escapeHtml(a.title)}"`);
  if ((tag === 'td' || tag === 'th') && /^\d{1,2}$/.test(a.colspan ?? '')) out.push(`colspan="${a.colspan}"`);
  if ((tag === 'td' || tag === 'th') && /^\d{1,3}$/.test(a.rowspan ?? '')) out.push(`rowspan="${a.rowspan}"`);
  return out.length > 0 ? ` ${out.join(' ')}` : '';
}

/** Sanitise `html`: the allowed HTML and the plain text. Never throws. */
export function sanitizeHtml(html: string): { html: string; text: string } {
  const out: string[] = [];
  const text: string[] = [];
  const open: string[] = [];
  let dropping = 0;
  const parser = new Parser(
    {
      onopentag(name, a) {
        if (DROP_CONTENT.has(name)) dropping += 1;
        if (dropping > 0 || !ALLOWED.has(name)) return;
        out.push(`<${name}${attrs(name, a)}>`);
        if (!VOID.has(name)) open.push(name);
        if (BLOCK.has(name)) text.push('\n');
      },
      ontext(t) {
        if (dropping > 0) return;
        out.push(escapeHtml(t));
        text.push(t);
      },
      onclosetag(name, implied) {
        if (DROP_CONTENT.has(name)) {
          dropping = Math.max(0, dropping - 1);
          return;
        }
        if (dropping > 0 || !ALLOWED.has(name) || VOID.has(name)) return;
        const at = open.lastIndexOf(name);
        if (at < 0) return;
        while (open.length > at) out.push(`</${open.pop() as string}>`);
        if (BLOCK.has(name) && !implied) text.push('\n');
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  while (open.length > 0) out.push(`</${open.pop() as string}>`);
  const plain = text.join('').replace(/[ \t\u00a0\u3000]+/g, (m) => (m.includes('\u3000') ? m : ' ')).replace(/\s*\n\s*/g, '\n').trim();
  return { html: out.join(''), text: plain };
}

export const htmlRichText: RichText = { sanitize: sanitizeHtml };
