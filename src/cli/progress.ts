/** Progress bar and plain-text tables for batch commands (CJK characters count as two columns). */
import type { CliDeps } from './io.ts';

/** Display width of a string in a terminal: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

const pad = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - displayWidth(s)));

/** A table with a header row, columns padded to their widest cell. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]) => cells.map((c, i) => pad(c, widths[i] ?? 0)).join('  ').trimEnd();
  return `${[line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n')}\n`;
}

/** A progress bar on stderr: redrawn in place on a terminal, one line per item otherwise. */
export function progressBar(deps: Pick<CliDeps, 'err' | 'interactive'>, total: number): { update(done: number, label: string): void; done(): void } {
  const width = 30;
  return {
    update(done, label) {
      const filled = Math.round((done / total) * width);
      const text = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done + 1}/${total} ${label}`;
      deps.err(deps.interactive ? `\r\x1b[K${text}` : `${text}\n`);
    },
    done() {
      deps.err(deps.interactive ? `\r\x1b[K[${'█'.repeat(width)}] ${total}/${total} 完成 / done\n` : `完成 / done: ${total}\n`);
    },
  };
}
