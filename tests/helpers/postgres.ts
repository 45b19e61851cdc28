/**
 * A throwaway PostgreSQL cluster for the shared-store tests (scripts/pg-cluster.cjs, shared with
 * the benchmark): started when the suite is collected, stopped and removed after it. Where no
 * PostgreSQL can start (no binaries, no user to run it as), the suite is skipped with one line.
 */
export interface TestPostgres { url: string; password: string; stop(): void }

// Plain JavaScript so scripts/bench-pg.mjs can start the same cluster.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startPostgres } = require('../../scripts/pg-cluster.cjs') as { startPostgres(): TestPostgres | string };

/** `describe` with a fresh cluster (its URL from `pg()`), or skipped with one line when none can start. */
export function withPostgres(name: string, fn: (pg: () => TestPostgres) => void): void {
  const started = startPostgres();
  if (typeof started === 'string') {
    process.stderr.write(`skipped: ${name}: ${started}\n`);
    describe.skip(name, () => fn(() => { throw new Error(started); }));
    return;
  }
  describe(name, () => {
    afterAll(() => started.stop());
    fn(() => started);
  });
}
