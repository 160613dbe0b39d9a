// Names of jurisdictions and units by code, fetched once each and remembered for the session.
import { useEffect, useState } from 'react';
import { api } from '../api/client';

const cache = new Map<string, string>();
const pending = new Map<string, Promise<void>>();

function fetchName(code: string): Promise<void> {
  let p = pending.get(code);
  if (!p) {
    p = api
      .get<{ name: string }>(`/jurisdictions/${encodeURIComponent(code)}`)
      .then((n) => void cache.set(code, n.name))
      .catch(() => void cache.set(code, code));
    pending.set(code, p);
  }
  return p;
}

/** code -> name for the given codes; a code shows as itself until its name arrives. */
export function useNodeNames(codes: string[]): (code: string) => string {
  const [, setVersion] = useState(0);
  const key = [...new Set(codes)].sort().join(',');
  useEffect(() => {
    const missing = key ? key.split(',').filter((c) => !cache.has(c)) : [];
    if (!missing.length) return;
    let alive = true;
    void Promise.all(missing.map(fetchName)).then(() => alive && setVersion((v) => v + 1));
    return () => {
      alive = false;
    };
  }, [key]);
  return (code: string) => cache.get(code) ?? code;
}
