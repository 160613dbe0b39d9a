// Shapes of the observation, person, site and care answers, straight from the server's
// TypeBox schemas (type-only imports: nothing of the server reaches the bundle).
import type { Static } from '@fastify/type-provider-typebox';
import type { AlertView as AlertViewSchema, ObservationView as ObservationViewSchema } from '../../../src/modules/observations/schemas';
import type {
  DuplicateList as DuplicateListSchema,
  MergeView as MergeViewSchema,
  PersonRecord as PersonRecordSchema,
  PersonSummary as PersonSummarySchema,
} from '../../../src/modules/persons/schemas';
import type { RoomView as RoomViewSchema, SiteView as SiteViewSchema } from '../../../src/modules/sites/schemas';
import type { CareFlagView as CareFlagViewSchema, CareTaskView as CareTaskViewSchema } from '../../../src/modules/care/schemas';

export type ObservationView = ObservationViewSchema;
export type AlertView = Static<typeof AlertViewSchema>;

export type PersonRecord = PersonRecordSchema;
export type PersonSummary = PersonSummarySchema;
export type DuplicateList = Static<typeof DuplicateListSchema>;
export type MergeView = MergeViewSchema;
export type RecordArrival = PersonRecord['arrivals'][number];
export type RecordObservation = PersonRecord['observations'][number];

export type SiteView = Static<typeof SiteViewSchema>;
export type RoomView = Static<typeof RoomViewSchema>;

export type CareFlagView = Static<typeof CareFlagViewSchema>;
export type CareTaskView = Static<typeof CareTaskViewSchema>;

/** GET /api/observations/missing */
export interface MissingChecks {
  day: string;
  slots: { slot: number; deadline: string; missing: number; items: { observationId: string; unitCode: string; name: string }[] }[];
}

/** POST /api/observations/checks */
export interface CheckBatchResult {
  saved: number;
  duplicates: number;
  alerts: { id: string; observationId: string }[];
}

/** POST /api/observations/release */
export interface ReleaseResult {
  released: string[];
  refused: { id: string; code: string; message: string }[];
}

export interface Policy {
  reason: string;
  centralisedDays: number;
  homeDays: number;
  updatedAt: string;
}

