// Reading GET /api/stream over HTTP as a dashboard does: events are collected in the background.
import { expect } from 'vitest';

export interface SseEvent { event: string; data: string; at: number }

/**
 * Opens the stream and reads it until the server closes it (`ended`) or the test does (`close`).
 * When the answer is 200 it waits for the `ready` event first. `waitFor` resolves with the first
 * matching event from index `from` on, or null after `ms`.
 */
export async function openStream(base: string, token: string | null, query = '') {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/stream${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: abort.signal });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  let ended: Promise<void> = Promise.resolve();
  if (res.ok && res.body) {
    ended = (async () => {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const lines = buffer.slice(0, cut).split('\n').filter((l) => !l.startsWith(':'));
            buffer = buffer.slice(cut + 2);
            if (!lines.length) continue;
            const field = (name: string) => lines.filter((l) => l.startsWith(name + ':')).map((l) => l.slice(name.length + 1).trim()).join('\n');
            events.push({ event: field('event') || 'message', data: field('data'), at: Date.now() });
            waiters.forEach((w) => w());
          }
        }
      } catch {
        // Aborted by the test.
      }
    })();
  }
  const waitFor = (match: string | ((e: SseEvent) => boolean), ms: number, from = 0) =>
    new Promise<SseEvent | null>((resolve) => {
      const matches = typeof match === 'string' ? (e: SseEvent) => e.event === match : match;
      const check = () => {
        const found = events.slice(from).find(matches);
        if (found) finish(found);
      };
      const finish = (e: SseEvent | null) => {
        waiters.delete(check);
        clearTimeout(timer);
        resolve(e);
      };
      const timer = setTimeout(() => finish(null), ms);
      waiters.add(check);
      check();
    });
  const stream = {
    res,
    events,
    waitFor,
    ended,
    changes: () => events.filter((e) => e.event === 'change').map((e) => JSON.parse(e.data) as { kinds: string[]; at: string }),
    close: () => abort.abort(),
  };
  if (res.ok) expect(await waitFor('ready', 2000)).not.toBeNull();
  return stream;
}
