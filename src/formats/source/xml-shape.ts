/**
 * The shape of an XML part of an office package, checked in one linear pass (htmlparser2 in XML mode) before a
 * library builds its tree: @xmldom/xmldom (inside mammoth) spends time quadratic in the nodes at the document's top
 * level (each one re-walks the document's children) and in the nesting depth (each open element copies its
 * namespaces), so a mutated part of 2 MB — a slice with a root element repeated two thousand times, or tags never
 * closed — held a worker for 15 to 60 s before mammoth refused it anyway (fuzz findings, docs/decisions.md
 * "The importer off the event loop"). Refused here at once: a second root element (xmldom refuses it too, at the end),
 * more nodes at the top level or more open elements than XML_LIMITS.
 */
import { Parser } from 'htmlparser2';
import { XML_LIMITS } from './limits.ts';

export type XmlLimits = { readonly [K in keyof typeof XML_LIMITS]: number };

/** Why a part is refused: `roots` (a second root element), `topLevel` or `depth` (over XML_LIMITS). */
export type XmlShapeRefusal = { readonly limit: 'roots' } | { readonly limit: 'topLevel' | 'depth'; readonly max: number };

class Stop extends Error {
  constructor(readonly refusal: XmlShapeRefusal) {
    super(refusal.limit);
  }
}

/** Null when `xml` is one root element within XML_LIMITS; else why not. Linear in its length; never throws. */
export function xmlShape(xml: string, limits: XmlLimits = XML_LIMITS): XmlShapeRefusal | null {
  let depth = 0;
  let roots = 0;
  let topLevel = 0;
  // A run of text at the top level is one node however htmlparser2 splits it; blanks between nodes are none.
  let inText = false;
  const top = (): void => {
    topLevel += 1;
    if (topLevel > limits.topLevel) throw new Stop({ limit: 'topLevel', max: limits.topLevel });
  };
  const parser = new Parser(
    {
      onopentag: () => {
        inText = false;
        if (depth === 0) {
          roots += 1;
          if (roots > 1) throw new Stop({ limit: 'roots' });
          top();
        }
        depth += 1;
        if (depth > limits.depth) throw new Stop({ limit: 'depth', max: limits.depth });
      },
      onclosetag: () => {
        depth = Math.max(0, depth - 1);
      },
      ontext: (text) => {
        if (depth > 0 || inText || text.trim() === '') return;
        inText = true;
        top();
      },
      oncommentend: () => {
        inText = false;
        if (depth === 0) top();
      },
      onprocessinginstruction: () => {
        inText = false;
        if (depth === 0) top();
      },
    },
    { xmlMode: true },
  );
  try {
    parser.end(xml);
  } catch (e) {
    if (e instanceof Stop) return e.refusal;
    throw e;
  }
  return null;
}
