/** The notices a case page offers for download (filled in when the notices land). */
import type { CaseView } from '../../../app/applications/index.ts';

export function noticeLinks(_view: CaseView): { href: string; label: string }[] {
  return [];
}
