/**
 * Connections to a PostgreSQL store. Credentials come only from the URL or the standard PG*
 * variables (PGHOST, PGUSER, PGPASSWORD, PGSSLMODE, ...), both read by `pg` itself, and TLS
 * options in the URL (sslmode, sslrootcert, sslcert, sslkey) go to it unchanged. Nothing here
 * ever prints a password: messages name the store by `redactUrl`.
 */
import pg from 'pg';

export { isPostgresUrl, redactMessage, redactUrl } from './url';

/** BIGINT (int8) columns as numbers: counts and seq stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export function pool(url: string, opts: { max?: number; plainTypes?: boolean; application?: string } = {}): pg.Pool {
  const p = new pg.Pool({
    connectionString: url, max: opts.max ?? 4, application_name: opts.application ?? 'xxgk',
    ...(opts.plainTypes ? {} : { types }),
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  p.on('error', () => undefined);
  return p;
}
