/**
 * The PostgreSQL store's tables: the same relational tables as the SQLite store (tables.ts), plus
 * what lets machines share no filesystem: every distinct input content (bytes) with every name
 * it was found under. Created and migrated by the tool, under an advisory lock so machines
 * starting together do not race on the DDL.
 */
import type pg from 'pg';
import { tablesSql } from '../tables';

/** Bump when the PostgreSQL tables change shape; an older store is migrated, a newer one refused. */
export const PG_SCHEMA_VERSION = 1;
/** Any constant: the advisory lock that serializes schema changes. */
const SCHEMA_LOCK = 0x78786b;

const EXTRA = `
CREATE TABLE IF NOT EXISTS xxgk_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id SERIAL PRIMARY KEY, started TEXT NOT NULL, finished TEXT, extractor_version TEXT NOT NULL, args TEXT, summary TEXT);
CREATE SEQUENCE IF NOT EXISTS records_seq_counter;
-- One row per distinct content: its bytes (read by the workers, so no machine needs another's
-- files). seq is the order contents were first enqueued: the order of the outputs.
CREATE TABLE IF NOT EXISTS contents (
  sha256 TEXT PRIMARY KEY, seq BIGSERIAL NOT NULL, bytes BIGINT NOT NULL, added TEXT NOT NULL, data BYTEA NOT NULL);
-- Already-compressed files (PDF, docx, images) gain nothing from TOAST compression.
ALTER TABLE contents ALTER COLUMN data SET STORAGE EXTERNAL;
CREATE INDEX IF NOT EXISTS contents_seq ON contents (seq);
-- Every name a content was found under, in the order found.
CREATE TABLE IF NOT EXISTS content_names (
  sha256 TEXT NOT NULL REFERENCES contents (sha256), name TEXT NOT NULL, seq BIGSERIAL NOT NULL, PRIMARY KEY (sha256, name));
`;

export async function migrate(pool: pg.Pool, where: string): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    const has = await c.query(`SELECT to_regclass('xxgk_meta') IS NOT NULL AS has`);
    const version = has.rows[0].has
      ? Number((await c.query(`SELECT value FROM xxgk_meta WHERE name = 'schema_version'`)).rows[0]?.value ?? 0) : 0;
    if (version > PG_SCHEMA_VERSION) throw new Error(`${where} was written by a newer xxgk (store schema ${version}); use a newer xxgk`);
    if (version < PG_SCHEMA_VERSION) {
      await c.query(tablesSql('postgres') + EXTRA);
      await c.query(`INSERT INTO xxgk_meta VALUES ('schema_version', $1) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`, [String(PG_SCHEMA_VERSION)]);
    }
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally { c.release(); }
}
