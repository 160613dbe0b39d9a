// Shapes of the case, tracing and cluster answers, straight from the server's TypeBox schemas
// (type-only imports: nothing of the server reaches the bundle).
import type { Static } from '@fastify/type-provider-typebox';
import type {
  CaseDetail as CaseDetailSchema,
  CaseReport as CaseReportSchema,
  CaseView as CaseViewSchema,
  ChainView as ChainViewSchema,
  ClusterView as ClusterViewSchema,
  ContactView as ContactViewSchema,
  DailyFigures as DailyFiguresSchema,
  ExposureView as ExposureViewSchema,
  ImportResult as ImportResultSchema,
  NewCase as NewCaseSchema,
  NewContact as NewContactSchema,
  NewExposure as NewExposureSchema,
  PositiveContact as PositiveContactSchema,
  WaitingList as WaitingListSchema,
} from '../../../src/modules/cases/schemas';

export type CaseView = CaseViewSchema;
export type CaseDetail = CaseDetailSchema;
export type CaseReport = CaseReportSchema;
export type CaseEvent = CaseDetail['events'][number];
export type ExposureView = ExposureViewSchema;
export type ContactView = ContactViewSchema;
export type NewCase = NewCaseSchema;
export type NewExposure = NewExposureSchema;
export type NewContact = NewContactSchema;
export type PositiveContact = PositiveContactSchema;
export type WaitingList = Static<typeof WaitingListSchema>;
export type DailyFigures = Static<typeof DailyFiguresSchema>;
export type ImportResult = Static<typeof ImportResultSchema>;
export type ClusterView = Static<typeof ClusterViewSchema>;
export type ChainView = Static<typeof ChainViewSchema>;
export type ChainNode = ChainView['nodes'][number];
