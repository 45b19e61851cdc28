import { withPostgres } from '../helpers/postgres';
import { PgStore } from '../../src/store/pg/store';
withPostgres('smoke', (pg) => {
  test('opens', async () => {
    const s = await PgStore.open(pg().url);
    expect(await s.query('SELECT count(*)::int AS n FROM records')).toEqual([{ n: 0 }]);
    await s.close();
  });
});
