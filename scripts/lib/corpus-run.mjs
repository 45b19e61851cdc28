// What the corpus scripts (eval, copied-text) share: where the corpus, the scoring tool and the
// output folder are (`--corpus DIR`, `--out DIR`), and running the built CLI and the scorer.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };

/** Paths for a script named `name` whose outputs go to out/<outDir> unless --out says otherwise. */
export function corpusPaths(name, outDir) {
  const corpus = path.resolve(opt('--corpus', path.join(root, '..', 'shared', 'corpus')));
  if (!fs.existsSync(corpus)) { console.error(`${name}: corpus not found at ${corpus}`); process.exit(2); }
  return { corpus, out: path.resolve(opt('--out', path.join(root, 'out', outDir))), score: path.resolve(corpus, '..', 'tools', 'score.mjs') };
}

/** `xxgk extract INPUT --out OUT --quiet` with the built CLI; exits the script if it fails. */
export function extractAll(name, input, out) {
  const ex = spawnSync(process.execPath, [path.join(root, 'bin', 'xxgk.js'), 'extract', input, '--out', out, '--quiet'], { stdio: 'inherit' });
  if (ex.status !== 0) { console.error(`${name}: extraction exited with ${ex.status}`); process.exit(1); }
}

/** Score OUT against TRUTH with the shared tool (--verbose passed on); its exit status. */
export function scoreAll(score, truth, out) {
  const sc = spawnSync(process.execPath, [score, '--truth', truth, '--out', out, ...(args.includes('--verbose') ? ['--verbose'] : [])], { stdio: 'inherit' });
  return sc.status ?? 1;
}
