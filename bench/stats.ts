/** Times `fn` `n` times after `warm` untimed runs; returns p50/p95/max in ms. */
export async function timed(n: number, fn: (i: number) => Promise<unknown>, warm = 3) {
  for (let i = 0; i < warm; i++) await fn(-1 - i);
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] * 10) / 10;
  return { runs: n, p50: at(0.5), p95: at(0.95), max: at(1) };
}
