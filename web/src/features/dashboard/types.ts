// The dashboard API's answers, typed from the server's own schemas (type-only imports: nothing of
// the server ends up in the bundle).
import type { Static } from '@fastify/type-provider-typebox';
import type { Children, Compounds, EntryPoints, Handoffs, Headline, Origins, Summary, Trend } from '../../../../src/modules/dashboard/schemas';

export type { Headline };
export type SummaryView = Static<typeof Summary>;
export type ChildrenView = Static<typeof Children>;
export type ChildView = ChildrenView['children'][number];
export type OriginsView = Static<typeof Origins>;
export type CompoundsView = Static<typeof Compounds>;
export type TrendView = Static<typeof Trend>;
export type EntryPointsView = Static<typeof EntryPoints>;
export type HandoffsView = Static<typeof Handoffs>;

/** The figure the map and the ranked bars colour the children by. */
export type MapMetric = 'arrivalsToday' | 'underObservation' | 'abnormalToday';
export const MAP_METRICS: MapMetric[] = ['arrivalsToday', 'underObservation', 'abnormalToday'];

export function metricOf(f: Headline, m: MapMetric): number {
  switch (m) {
    case 'arrivalsToday':
      return f.arrivals.day;
    case 'underObservation':
      return f.underObservation.home + f.underObservation.centralised;
    case 'abnormalToday':
      return f.abnormalTemperature.day;
  }
}
