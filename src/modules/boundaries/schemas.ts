import { Type, type Static } from '@fastify/type-provider-typebox';
import { DivisionCode } from '../../server/schemas';

const Code = DivisionCode({ description: 'division code, or unit code such as 540102U001' });

export const CodeParams = Type.Object({ code: Code });

export const BoundaryListQuery = Type.Object({
  within: Type.Optional(DivisionCode({ description: "subtree to list; default the caller's jurisdiction" })),
});
export type BoundaryListQuery = Static<typeof BoundaryListQuery>;

export const BoundaryInput = Type.Object({
  reviewNumber: Type.String({ description: '审图号 of the reviewed map, e.g. 藏S(2022)001号' }),
  geojson: Type.Unknown({
    description:
      'GeoJSON FeatureCollection of Polygon/MultiPolygon features, one per node below the jurisdiction, each identified by ' +
      'properties.code or properties.adcode (6-digit adcodes and zero-padded 12-digit codes are read too), else by an unambiguous properties.name. ' +
      'At most 20 MB.',
  }),
});
export type BoundaryInput = Static<typeof BoundaryInput>;

export const BoundarySummary = Type.Object({
  code: Type.String(),
  name: Type.String(),
  reviewNumber: Type.String(),
  featureCount: Type.Integer(),
  bytes: Type.Integer({ description: 'size of the stored GeoJSON' }),
  uploadedAt: Type.String({ format: 'date-time' }),
  uploadedBy: Type.Union([Type.String(), Type.Null()], { description: 'display name of the uploader' }),
});
export type BoundarySummary = Static<typeof BoundarySummary>;

export const BoundaryList = Type.Object({ items: Type.Array(BoundarySummary) });

export const BoundaryDetail = Type.Object({
  code: Type.String(),
  name: Type.String(),
  reviewNumber: Type.String(),
  featureCount: Type.Integer(),
  uploadedAt: Type.String({ format: 'date-time' }),
  geojson: Type.Unknown({ description: 'FeatureCollection; each feature has properties.code and properties.name of its node (and cp when the file gave a label point)' }),
});
export type BoundaryDetail = Static<typeof BoundaryDetail>;
