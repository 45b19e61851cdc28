#!/usr/bin/env node
// Runs every benchmark section in scripts/bench/*.mjs (each exports `async function run(ctx)`
// returning lines to print). Sections: PDF throughput vs pdftotext, OCR seconds/page, batch scaling.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const corpus = path.resolve(root, '..', 'shared', 'corpus');
const dir = path.join(here, 'bench');
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const sections = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort() : [];
if (!sections.length) console.log('no benchmark sections yet');
for (const f of sections) {
  if (only.length && !only.some((o) => f.includes(o))) continue;
  const mod = await import(pathToFileURL(path.join(dir, f)).href);
  console.log(`\n## ${mod.title ?? f}`);
  try {
    const lines = await mod.run({ root, corpus });
    for (const l of lines ?? []) console.log(l);
  } catch (e) {
    console.log(`section failed: ${e.stack ?? e}`);
    process.exitCode = 1;
  }
}
