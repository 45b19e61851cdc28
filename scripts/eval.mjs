#!/usr/bin/env node
// Extract the whole ../shared/corpus with the built CLI, then score it with the shared scoring tool.
//   npm run eval [-- --corpus DIR] [--out DIR] [--verbose]
import fs from 'node:fs';
import { corpusPaths, extractAll, scoreAll } from './lib/corpus-run.mjs';

const { corpus, out, score } = corpusPaths('eval', 'eval');
fs.rmSync(out, { recursive: true, force: true });
const t0 = Date.now();
extractAll('eval', corpus, out);
console.log(`extraction took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(scoreAll(score, corpus, out));
