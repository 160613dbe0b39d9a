// The desk's entry point, chosen once and remembered by the browser (a desk stays at one entry point).
import { useState } from 'react';

const ENTRY_POINT_KEY = 'fk.desk.entryPointId';

export function useRememberedEntryPoint(): [string | undefined, (id: string | undefined) => void] {
  const [id, setId] = useState<string | undefined>(() => localStorage.getItem(ENTRY_POINT_KEY) ?? undefined);
  const set = (next: string | undefined) => {
    if (next) localStorage.setItem(ENTRY_POINT_KEY, next);
    else localStorage.removeItem(ENTRY_POINT_KEY);
    setId(next);
  };
  return [id, set];
}
