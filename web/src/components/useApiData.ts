// Loads one API answer for a page, with loading and error states, aborting stale requests.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface ApiData<T> {
  data: T | undefined;
  loading: boolean;
  error: string | null;
  /** The error itself (an ApiError carries the code and the body). */
  failure: unknown;
  /** Loads again; resolves when done. */
  reload(): Promise<void>;
}

/** `load` is called with an AbortSignal whenever `deps` change (and on reload); null skips loading. */
export function useApiData<T>(load: ((signal: AbortSignal) => Promise<T>) | null, deps: unknown[]): ApiData<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(load !== null);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const controllerRef = useRef<AbortController | null>(null);

  const run = useCallback(async () => {
    const fn = loadRef.current;
    controllerRef.current?.abort();
    if (!fn) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    controllerRef.current = controller;
    setLoading(true);
    try {
      const result = await fn(controller.signal);
      if (controller.signal.aborted) return;
      setData(result);
      setError(null);
      setFailure(null);
    } catch (e) {
      if (controller.signal.aborted || (e as Error).name === 'AbortError') return;
      setError((e as Error).message);
      setFailure(e);
    } finally {
      if (!controller.signal.aborted) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void run();
    return () => controllerRef.current?.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return { data, loading, error, failure, reload: run };
}
