#!/usr/bin/env node
// Extract the whole ../shared/corpus with the built CLI, then score it with the shared scoring tool.
//   npm run eval [-- --corpus DIR] [--out DIR] [--verbose]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const corpus = path.resolve(opt('--corpus', path.join(root, '..', 'shared', 'corpus')));
const out = path.resolve(opt('--out', path.join(root, 'out', 'eval')));
const score = path.resolve(corpus, '..', 'tools', 'score.mjs');
if (!fs.existsSync(corpus)) { console.error(`eval: corpus not found at ${corpus}`); process.exit(2); }
fs.rmSync(out, { recursive: true, force: true });
const t0 = Date.now();
const ex = spawnSync(process.execPath, [path.join(root, 'bin', 'xxgk.js'), 'extract', corpus, '--out', out, '--quiet'], { stdio: 'inherit' });
if (ex.status !== 0) { console.error(`eval: extraction exited with ${ex.status}`); process.exit(1); }
console.log(`extraction took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const sc = spawnSync(process.execPath, [score, '--truth', corpus, '--out', out, ...(args.includes('--verbose') ? ['--verbose'] : [])], { stdio: 'inherit' });
process.exit(sc.status ?? 1);
