// Entry points and management units, fetched once per page.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { EntryPoint, Unit } from '../api/types';

function useList<T>(path: string, query?: Record<string, string | undefined>) {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(query ?? {});
  const reload = useCallback(() => {
    setLoading(true);
    return api
      .get<T[] | { items: T[] }>(path, JSON.parse(key))
      .then((res) => {
        setItems(Array.isArray(res) ? res : res.items);
        setError(null);
      })
      .catch((e: Error) => setError(e.message))
      .finally(() => setLoading(false));
  }, [path, key]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { items, loading, error, reload };
}

/** Active entry points; with includeInactive (admin pages) the deactivated ones too. */
export function useEntryPoints(includeInactive = false) {
  return useList<EntryPoint>('/entry-points', includeInactive ? { includeInactive: 'true' } : undefined);
}

/** Management units in the caller's jurisdiction (or below `parent`). */
export function useUnits(query?: { parent?: string; kind?: string; includeInactive?: 'true' }) {
  return useList<Unit>('/units', query);
}
