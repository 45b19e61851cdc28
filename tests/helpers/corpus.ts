/**
 * The development corpus lives in ../shared beside the repository (CI has it; a fresh clone
 * usually does not). Suites that need it go through `withCorpus`, which skips them with one
 * clear line when it is absent; everything else uses generated fixtures.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus');
export const SEED = path.join(CORPUS, 'seed');
export const REAL = path.join(CORPUS, 'real');
export const hasCorpus = existsSync(SEED) && existsSync(REAL);

const said = new Set<string>();
function skipLine(what: string): void {
  if (said.has(what)) return;
  said.add(what);
  process.stderr.write(`skipped: ${what}: needs ../shared/corpus beside the repository (${CORPUS} not found)\n`);
}

/** `describe` when the corpus is there, else the suite is skipped and says why once. */
export function withCorpus(name: string, fn: () => void): void {
  if (hasCorpus) { describe(name, fn); return; }
  skipLine(name);
  describe.skip(name, fn);
}

/** `it` when the corpus is there, else skipped with one line saying why. */
export function itWithCorpus(name: string, fn: jest.ProvidesCallback, timeout?: number): void {
  if (hasCorpus) { it(name, fn, timeout); return; }
  skipLine(name);
  it.skip(name, fn);
}
