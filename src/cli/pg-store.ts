import type PgBoss from 'pg-boss';
import { openQueue } from '../pipeline/queue';
import { isPostgresUrl, redactMessage, redactUrl } from '../store/pg/connect';
import { PgStore } from '../store/pg/store';

/** The PostgreSQL store of `--store URL` or XXGK_STORE, or undefined (after saying why) when there is none. */
export function storeUrl(cmd: string, flag: string | undefined): string | undefined {
  const url = flag ?? process.env.XXGK_STORE;
  if (isPostgresUrl(url)) return url;
  process.stderr.write(url
    ? `xxgk ${cmd}: --store needs a postgres:// URL (got ${redactUrl(url)})\n`
    : `xxgk ${cmd}: no store: pass --store postgres://user@host/db or set XXGK_STORE (credentials from the URL or PG* variables)\n`);
  return undefined;
}

/** Store and queue opened, or the exit code 2 after a message (never with the password). */
export async function openShared(cmd: string, url: string, opts: { queue?: boolean; maintenanceSeconds?: number; supervise?: boolean } = {}): Promise<{ store: PgStore; boss?: PgBoss } | number> {
  let store: PgStore | undefined;
  try {
    store = await PgStore.open(url);
    const boss = opts.queue === false ? undefined : await openQueue(url, { maintenanceSeconds: opts.maintenanceSeconds, supervise: opts.supervise },
      (m) => process.stderr.write(`xxgk ${cmd}: queue: ${m}\n`));
    return { store, boss };
  } catch (e) {
    await store?.close().catch(() => undefined);
    process.stderr.write(`xxgk ${cmd}: cannot open the store ${redactUrl(url)}: ${redactMessage((e as Error).message, url)}\n`);
    return 2;
  }
}

export async function closeShared(s: { store: PgStore; boss?: PgBoss }): Promise<void> {
  await s.boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
  await s.store.close().catch(() => undefined);
}
