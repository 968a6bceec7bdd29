/**
 * A notice (core/application/notices.ts) as a printable HTML page and as a Word document laid out like a government
 * letter (GB/T 9704: title in 小标宋 二号 centred, 文号 centred below, the addressee flush left, body in 仿宋 三号 with a
 * two-character indent, the issuing body and the date in Chinese numerals on the right).
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { Notice } from '../../core/application/notices.ts';
import { A4_PAGE, BODY_SPACING, FONT, INDENT, SIZE } from '../docx/gbt9704.ts';
import { escapeHtml } from '../html/escape.ts';

const NOTICE_CSS = `
@page{size:A4;margin:37mm 26mm 35mm 28mm}
body{margin:0;background:#f6f7f9;font-family:"FangSong","仿宋","Noto Serif CJK SC","Noto Sans CJK SC","WenQuanYi Micro Hei",serif;color:#000}
.sheet{max-width:156mm;margin:1.5rem auto;background:#fff;padding:2rem 2.5rem;font-size:16pt;line-height:28pt}
h1{font-family:"FZXiaoBiaoSong-B05S","方正小标宋简体","Noto Serif CJK SC",serif;font-size:22pt;line-height:1.4;text-align:center;font-weight:normal;margin:0 0 .3em}
.doc-number{text-align:center;margin:0 0 1.2em}
.addressee{margin:0}
.body p{text-indent:2em;margin:0}
.sign{text-align:right;margin-top:2em}
@media print{body{background:#fff}.sheet{margin:0;padding:0;max-width:none}}
`;

/** A standalone HTML page of the notice (escaped). */
export function renderNoticeHtml(n: Notice): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(n.title)}</title><style>${NOTICE_CSS}</style></head>
<body><main class="sheet">
<h1>${escapeHtml(n.title)}</h1>
<p class="doc-number">${escapeHtml(n.docNumber)}</p>
<p class="addressee">${escapeHtml(n.addressee)}</p>
<div class="body">${n.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}</div>
<p class="sign">${escapeHtml(n.signature)}<br>${escapeHtml(n.date)}</p>
</main></body></html>
`;
}

const para = (text: string, options: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; title?: boolean } = {}) =>
  new Paragraph({
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    spacing: BODY_SPACING,
    ...(options.indent ? { indent: INDENT } : {}),
    children: [new TextRun({ text, font: options.title ? FONT.title : FONT.body, size: options.title ? SIZE.title : SIZE.body })],
  });

/** The notice as a .docx (A4, GB/T 9704 fonts and sizes). */
export async function renderNoticeDocx(n: Notice): Promise<Uint8Array> {
  const doc = new Document({
    creator: 'gongkai',
    title: n.title,
    styles: { default: { document: { run: { font: FONT.body, size: SIZE.body } } } },
    sections: [
      {
        properties: { page: A4_PAGE },
        children: [
          para(n.title, { align: AlignmentType.CENTER, title: true }),
          para(n.docNumber, { align: AlignmentType.CENTER }),
          para(''),
          para(n.addressee, { align: AlignmentType.LEFT }),
          ...n.paragraphs.map((p) => para(p, { indent: true })),
          para(''),
          para(n.signature, { align: AlignmentType.RIGHT }),
          para(n.date, { align: AlignmentType.RIGHT }),
        ],
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
