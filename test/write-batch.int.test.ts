import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';

describe.each(DIALECTS)('write batches on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(dialect); });
  afterAll(async () => { await t?.close(); });

  const setting = (key: string) => t.ctx.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();

  it('commits concurrent writes and rolls back a failing one alone', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        t.ctx.writes.run(async (trx) => {
          await trx.insertInto('settings').values({ key: `k${i}`, value: String(i) }).execute();
          if (i === 7) throw new Error('refused');
          return i;
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(49);
    expect(results[7]).toMatchObject({ status: 'rejected', reason: new Error('refused') });
    expect(await setting('k7')).toBeUndefined();
    expect(await setting('k8')).toEqual({ value: '8' });
    const n = await t.ctx.db.selectFrom('settings').select((eb) => eb.fn.countAll<number>().as('n')).where('key', 'like', 'k%').executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(49);
  });

  it('rejects a write that breaks a constraint without touching its neighbours', async () => {
    const [dup, ok] = await Promise.allSettled([
      t.ctx.writes.run((trx) => trx.insertInto('settings').values({ key: 'k1', value: 'again' }).execute()),
      t.ctx.writes.run((trx) => trx.insertInto('settings').values({ key: 'fresh', value: 'yes' }).execute()),
    ]);
    expect(dup.status).toBe('rejected');
    expect(ok.status).toBe('fulfilled');
    expect(await setting('k1')).toEqual({ value: '1' });
    expect(await setting('fresh')).toEqual({ value: 'yes' });
  });
});
