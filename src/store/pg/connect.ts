/**
 * Connections to a PostgreSQL store. Credentials come only from the URL or the standard PG*
 * variables (PGHOST, PGUSER, PGPASSWORD, PGSSLMODE, ...), both read by `pg` itself, and TLS
 * options in the URL (sslmode, sslrootcert, sslcert, sslkey) go to it unchanged. Nothing here
 * ever prints a password: messages name the store by `redactUrl`.
 */
import pg from 'pg';

export const isPostgresUrl = (s: string | undefined): s is string => !!s && /^postgres(ql)?:\/\//i.test(s);

/** The URL with its password replaced by `***` (for messages and logs). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const k of [...u.searchParams.keys()]) if (/pass/i.test(k)) u.searchParams.set(k, '***');
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  }
}

/** An error message with any password of the URL or PGPASSWORD blanked out, in case a driver repeats it. */
export function redactMessage(message: string, url: string): string {
  const secrets: string[] = [];
  try { const p = decodeURIComponent(new URL(url).password); if (p) secrets.push(p); } catch { /* not a URL */ }
  if (process.env.PGPASSWORD) secrets.push(process.env.PGPASSWORD);
  let m = message.split(url).join(redactUrl(url));
  for (const s of secrets) m = m.split(s).join('***');
  return m;
}

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
