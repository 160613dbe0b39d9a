// The drill-down path from the caller's own jurisdiction to the node on screen (for the breadcrumb).
import { useCallback, useState } from 'react';
import { useAuth } from '../../auth/AuthProvider';

export interface Named {
  code: string;
  name: string;
}

/** `root`: where the path starts when not at the user's own jurisdiction (a screen on a screen token has no user). */
export function useDrill(root?: Named) {
  const { user } = useAuth();
  const [path, setPath] = useState<Named[]>(() => [root ?? { code: user!.jurisdictionCode, name: user!.jurisdictionName ?? user!.jurisdictionCode }]);
  const current = path[path.length - 1];
  /** Fills in the name of a node once the API told it. */
  const named = useCallback(
    (n: Named) => setPath((p) => (p.some((x) => x.code === n.code && x.name !== n.name) ? p.map((x) => (x.code === n.code ? n : x)) : p)),
    [],
  );
  const down = useCallback((n: Named) => setPath((p) => (p[p.length - 1].code === n.code ? p : [...p, n])), []);
  const upTo = useCallback((index: number) => setPath((p) => p.slice(0, index + 1)), []);
  return { path, current, down, upTo, named };
}

/** Children that have children of their own (drilling into a community shows nothing more). */
export function drillable(level: string): boolean {
  return level !== 'community';
}
