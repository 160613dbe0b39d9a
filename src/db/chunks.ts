/** Rows per multi-row statement: well under SQLite's bound-parameter limit for our widest table. */
const CHUNK = 500;

/** Runs `run` over the items in chunks of `CHUNK`, in order, and joins the answers. */
export async function inChunks<T, R>(items: T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await run(items.slice(i, i + CHUNK))));
  return out;
}
