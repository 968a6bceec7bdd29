// The attack on a running server (`npm run bench:attack -- http://127.0.0.1:3104 PID`): uploads a docx bomb,
// 440 000 nested <div>s, nested tables and a PDF bomb to /import at once, pinging GET /import every 100 ms until they
// are answered; prints each answer's status and code, the pings (median, max) and the server's peak RSS (VmHWM of
// PID, when given). Prints figures; asserts nothing.
import { readFileSync } from 'node:fs';
import { deepDivs, docxBomb, nestedTables, pdfBomb } from '../src/formats/source/hostile.ts';

const base = process.argv[2] ?? 'http://127.0.0.1:3104';
const pid = process.argv[3];
const rssOf = (field: string): string => (pid ? (new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '?') : '?');
const mb = (kb: string): string => (kb === '?' ? '?' : `${Math.round(Number(kb) / 1024)} MB`);

async function main(): Promise<void> {
  console.log(`before: RSS ${mb(rssOf('VmRSS'))}`);
  const bombs = [
    ['bomb.docx', docxBomb()],
    ['divs.html', deepDivs()],
    ['tables.html', nestedTables()],
    ['bomb.pdf', pdfBomb()],
  ] as const;
  let open = bombs.length;
  const t0 = performance.now();
  const answers = bombs.map(async ([name, bytes]) => {
    const form = new FormData();
    form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
    try {
      const res = await fetch(`${base}/import`, { method: 'POST', body: form });
      const code = /data-code="([^"]+)"/.exec(await res.text())?.[1] ?? '-';
      return `${name} (${Math.round(bytes.length / 1024)} KB): ${res.status} ${code} after ${((performance.now() - t0) / 1000).toFixed(1)} s`;
    } catch (e) {
      return `${name}: ${e instanceof Error ? e.message : String(e)} after ${((performance.now() - t0) / 1000).toFixed(1)} s`;
    } finally {
      open -= 1;
    }
  });
  const pings: number[] = [];
  while (open > 0) {
    const s = performance.now();
    try {
      await (await fetch(`${base}/import`)).text();
      pings.push(performance.now() - s);
    } catch {
      pings.push(Number.POSITIVE_INFINITY);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const a of await Promise.all(answers)) console.log(a);
  const sorted = [...pings].sort((a, b) => a - b);
  console.log(`pings: ${pings.length}, median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms`);
  console.log(`after: RSS ${mb(rssOf('VmRSS'))}, peak ${mb(rssOf('VmHWM'))}`);
}

void main();
