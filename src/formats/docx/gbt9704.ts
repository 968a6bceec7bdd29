/**
 * The page of a Chinese government document (GB/T 9704-2012 党政机关公文格式) in Word terms, shared by the annual
 * report and the notices: A4, 版心 156 mm × 225 mm, sizes (二号 title, 三号 body), fonts by role, 28 pt lines.
 */
import { LineRuleType, PageOrientation } from 'docx';

/** Twips per millimetre (1 twip = 1/1440 inch). */
export const MM = 1440 / 25.4;
/** GB/T 9704: 天头 37 mm, 订口 28 mm, 版心 156 mm wide. */
export const MARGIN = { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) };
export const TEXT_WIDTH = Math.round(156 * MM);
/** A4 portrait. */
export const A4_PAGE = { size: { width: Math.round(210 * MM), height: Math.round(297 * MM), orientation: PageOrientation.PORTRAIT }, margin: MARGIN } as const;

// Sizes are half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt.
export const SIZE = { title: 44, body: 32, pageNumber: 28, table: 21 } as const;

/**
 * Fonts by role. Word has no fallback list in a run, so the east-Asian face is the standard one named by GB/T 9704;
 * where 仿宋_GB2312 or 方正小标宋简体 are not installed, Word and WPS substitute the nearest GB2312 face (仿宋, 宋体).
 * Latin letters and digits use Times New Roman, as government documents do.
 */
export const FONT = {
  title: { eastAsia: '方正小标宋简体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
  heading: { eastAsia: '黑体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
  body: { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
  pageNumber: { eastAsia: '宋体', ascii: '宋体', hAnsi: '宋体' },
} as const;

/** Fixed 28 pt lines: 22 lines on the 225 mm 版心, as GB/T 9704 asks. */
export const BODY_SPACING = { line: 560, lineRule: LineRuleType.EXACT } as const;
export const INDENT = { firstLine: 2 * 320 };

