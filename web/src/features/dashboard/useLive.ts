// Keeps a dashboard current: listens to the server's change stream (GET /api/stream, server-sent
// events `change`, same-origin cookie) and re-fetches on each change; while the stream is not open
// (not deployed, dropped, reconnecting) it polls instead. `?refresh=N` in the page address sets the
// polling interval in seconds (default 30) and then polls even while the stream is open.
import { useEffect, useRef, useState } from 'react';
import { queryString, screenTokenInUse } from '../../api/client';

export type LiveMode = 'stream' | 'polling';

const DEFAULT_SECONDS = 30;

export function refreshSeconds(search: string): { seconds: number; explicit: boolean } {
  const raw = new URLSearchParams(search).get('refresh');
  const n = raw ? Number(raw) : NaN;
  return Number.isFinite(n) && n >= 1 && n <= 3600 ? { seconds: n, explicit: true } : { seconds: DEFAULT_SECONDS, explicit: false };
}

/** Calls `refresh` on every change pushed for `jurisdiction` (or every interval); returns how it is kept live. */
export function useLive(jurisdiction: string | undefined, refresh: () => void): LiveMode {
  const [mode, setMode] = useState<LiveMode>('polling');
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;

  useEffect(() => {
    const { seconds, explicit } = refreshSeconds(window.location.search);
    let open = false;
    let source: EventSource | null = null;
    let debounce: ReturnType<typeof setTimeout> | undefined;
    // Many changes in a burst (a desk registering a bus) make one re-fetch.
    const changed = () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => refreshRef.current(), 300);
    };
    const timer = setInterval(() => {
      if (!open || explicit) refreshRef.current();
    }, seconds * 1000);

    if (typeof EventSource !== 'undefined') {
      // EventSource sends no headers: a screen on a screen token passes it in the URL (accepted there only).
      const url = '/api/stream' + queryString({ jurisdiction, screen: screenTokenInUse() });
      source = new EventSource(url, { withCredentials: true });
      source.onopen = () => {
        // Changes made while disconnected were missed: catch up once.
        if (!open) changed();
        open = true;
        setMode('stream');
      };
      source.addEventListener('change', changed);
      // The screen token was revoked: one more fetch brings the refusal to the page.
      source.addEventListener('revoked', () => {
        source?.close();
        source = null;
        open = false;
        setMode('polling');
        refreshRef.current();
      });
      source.onerror = () => {
        open = false;
        setMode('polling');
        // Not there (404) or refused: the browser gives up (CLOSED); stay on polling.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          source = null;
        }
      };
    }
    return () => {
      clearInterval(timer);
      clearTimeout(debounce);
      source?.close();
    };
  }, [jurisdiction]);

  return mode;
}
