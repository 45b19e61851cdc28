/**
 * The full variation matrix (npm run variation): renders every case (cached under out/variation),
 * extracts it, and prints documents exact / total and cells right / total, overall and per
 * rendition kind, then each failing document with its first wrong cells.
 *   npm run variation [-- --seed N] [--only SUBSTRING] [--kind chromium|libreoffice|docx|pdftotext-layout|pdftotext-raw|markdown] [--verbose]
 */
import { fullMatrix, mustBeComplete, prepareLibreOffice, runCase, type Score } from './matrix';
import { tools } from './render';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (n: string) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : undefined; };
  const seed = Number(opt('--seed') ?? 11);
  const only = opt('--only');
  const kind = opt('--kind');
  const missing = Object.entries(tools).filter(([, ok]) => !ok).map(([t]) => t);
  if (missing.length) { console.error(`variation: needs ${missing.join(', ')} on PATH`); process.exit(2); }
  const cases = fullMatrix(seed).filter((c) => (!only || c.id.includes(only)) && (!kind || c.kind === kind));
  prepareLibreOffice(cases);
  const scores: Score[] = [];
  const t0 = Date.now();
  for (const c of cases) {
    const s = await runCase(c);
    scores.push(s);
    if (args.includes('--verbose')) console.error(`${s.right === s.cells && !s.spurious.length ? 'ok  ' : 'FAIL'} ${c.id} ${s.right}/${s.cells}`);
  }
  const exact = (s: Score) => s.right === s.cells && !s.spurious.length;
  const line = (label: string, ss: Score[]) => {
    const cells = ss.reduce((a, s) => a + s.cells, 0), right = ss.reduce((a, s) => a + s.right, 0);
    const wrong = ss.reduce((a, s) => a + s.wrong.filter((w) => w.got !== 'MISSING').length, 0);
    const spur = ss.reduce((a, s) => a + s.spurious.length, 0);
    console.log(`${label.padEnd(18)} documents ${ss.filter(exact).length}/${ss.length} exact; cells ${right}/${cells} (${(100 * right / cells).toFixed(2)}%); wrong ${wrong}; spurious ${spur}`);
  };
  console.log(`variation matrix, seed ${seed}, ${cases.length} documents, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  line('all', scores);
  for (const kind of [...new Set(scores.map((s) => s.kind))]) line(kind, scores.filter((s) => s.kind === kind));
  const meta = scores.filter((s) => !s.agencyOk || !s.yearOk);
  if (meta.length) console.log(`agency or year wrong on ${meta.length}: ${meta.slice(0, 8).map((s) => s.id).join(', ')}`);
  const failing = scores.filter((s) => !exact(s));
  for (const s of failing) {
    const c = cases.find((x) => x.id === s.id)!;
    console.log(`  ${mustBeComplete(c) ? 'FAIL' : 'part'} ${s.id}: ${s.right}/${s.cells} (${s.status})${s.spurious.length ? `, spurious ${s.spurious.join(' ')}` : ''}` +
      (args.includes('--verbose') ? `\n      ${[...s.wrong].sort((a, b) => Number(a.got === 'MISSING') - Number(b.got === 'MISSING')).slice(0, 10).map((w) => `${w.code}=${w.got}≠${w.expected}`).join(' ')}` : ''));
  }
  const hard = failing.filter((s) => mustBeComplete(cases.find((x) => x.id === s.id)!) || s.spurious.length || s.wrong.some((w) => w.got !== 'MISSING'));
  process.exit(hard.length ? 1 : 0);
}

void main();
