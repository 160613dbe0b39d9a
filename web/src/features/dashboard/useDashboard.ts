// Everything one dashboard view shows for a jurisdiction and report day, loaded together and
// re-loaded quietly (keeping the figures on screen) when the live hook says something changed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { ChildrenView, CompoundsView, EntryPointsView, HandoffsView, OriginsView, SummaryView, TrendView } from './types';

export interface DashboardQuery {
  jurisdiction?: string;
  date?: string;
  trendDays: 14 | 30;
  province?: string;
  /** Days counted for origins and compounds. */
  days: number;
}

export interface DashboardData {
  summary?: SummaryView;
  children?: ChildrenView;
  origins?: OriginsView;
  compounds?: CompoundsView;
  trend?: TrendView;
  entryPoints?: EntryPointsView;
  handoffs?: HandoffsView;
}

export function useDashboard(q: DashboardQuery) {
  const [data, setData] = useState<DashboardData>({});
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [loadedAt, setLoadedAt] = useState<Date | null>(null);
  const seq = useRef(0);
  const key = JSON.stringify(q);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    const scope = { jurisdiction: q.jurisdiction, date: q.date };
    try {
      const [summary, children, origins, compounds, trend, entryPoints, handoffs] = await Promise.all([
        api.get<SummaryView>('/dashboard/summary', scope),
        api.get<ChildrenView>('/dashboard/children', scope),
        api.get<OriginsView>('/dashboard/origins', { ...scope, days: q.days, province: q.province }),
        api.get<CompoundsView>('/dashboard/compounds', { ...scope, days: q.days }),
        api.get<TrendView>('/dashboard/trend', { ...scope, days: q.trendDays }),
        api.get<EntryPointsView>('/dashboard/entry-points', scope),
        api.get<HandoffsView>('/dashboard/handoffs', scope),
      ]);
      if (mine !== seq.current) return;
      setData({ summary, children, origins, compounds, trend, entryPoints, handoffs });
      setError(null);
      setLoadedAt(new Date());
    } catch (e) {
      if (mine !== seq.current) return;
      setError((e as Error).message);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  useEffect(() => {
    setLoading(true);
    void load();
  }, [load]);

  return { data, loading, error, loadedAt, reload: load };
}
