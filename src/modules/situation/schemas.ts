import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox';
import { MAX_FIGURE, SITUATION_FIGURE_LABELS, type SituationFigure } from '../../domain/situation';

// `nullable` rather than a union with null: the app's Ajv coerces types, and in a union it would turn null into 0.
const figure = (f: SituationFigure) => Type.Unsafe<number | null>({
  type: 'integer',
  nullable: true,
  minimum: 0,
  maximum: MAX_FIGURE,
  description: `${SITUATION_FIGURE_LABELS[f].zh} / ${SITUATION_FIGURE_LABELS[f].en}; null or absent: not reported`,
});

const FIGURES = {
  confirmedNew: figure('confirmedNew'),
  asymptomaticNew: figure('asymptomaticNew'),
  confirmedCurrent: figure('confirmedCurrent'),
  highRiskAreas: figure('highRiskAreas'),
  mediumRiskAreas: figure('mediumRiskAreas'),
} satisfies Record<SituationFigure, TSchema>;

const clientId = Type.String({ format: 'uuid', description: 'a retry with the same clientId returns the first report and creates nothing' });
const asOf = Type.String({ format: 'date-time', description: 'the instant the figures are as of, e.g. 2022-03-15T00:00:00+08:00 for 截至3月14日24时' });
const source = Type.String({ maxLength: 200, description: 'where the figures come from, e.g. 国家卫生健康委员会' });

export const SituationInput = Type.Object({
  clientId,
  asOf,
  source: Type.Optional(source),
  provinces: Type.Array(
    Type.Object({
      code: Type.Optional(Type.String({ maxLength: 12, description: 'division code: 51 or 510000' })),
      name: Type.Optional(Type.String({ maxLength: 20, description: '四川省 or 四川; code or name is required' })),
      confirmedNew: Type.Optional(FIGURES.confirmedNew),
      asymptomaticNew: Type.Optional(FIGURES.asymptomaticNew),
      confirmedCurrent: Type.Optional(FIGURES.confirmedCurrent),
      highRiskAreas: Type.Optional(FIGURES.highRiskAreas),
      mediumRiskAreas: Type.Optional(FIGURES.mediumRiskAreas),
    }),
    { maxItems: 100 },
  ),
});
export type SituationInput = Static<typeof SituationInput>;

/** The same, checked only: no clientId needed. */
export const SituationPreviewInput = Type.Object({ ...SituationInput.properties, clientId: Type.Optional(clientId) });

export const CsvImportQuery = Type.Object({ clientId, asOf, source: Type.Optional(source) });
export type CsvImportQuery = Static<typeof CsvImportQuery>;

export const CsvPreviewQuery = Type.Object({ asOf, source: Type.Optional(source), clientId: Type.Optional(clientId) });

export const CsvBody = Type.String({
  maxLength: 1_000_000,
  description: 'CSV (UTF-8 or GBK): a heading line — 省份 (or province), then any of 新增确诊, 新增无症状, 现有确诊, 高风险区, 中风险区 '
    + '(or confirmedNew, asymptomaticNew, confirmedCurrent, highRiskAreas, mediumRiskAreas) — then one line per province '
    + '(四川省, 四川, 51 or 510000). An empty cell or "-" is not reported. Errors name the line and the column: field `line[3].confirmedNew`.',
});

const ProvinceFigures = Type.Object({ code: Type.String({ description: 'two-digit province code' }), name: Type.String(), ...FIGURES });
const Totals = Type.Object(FIGURES, { description: 'the sum over the provinces that reported each figure' });

export const SituationReport = Type.Object({
  id: Type.String(),
  asOf: Type.String({ format: 'date-time' }),
  source: Type.Union([Type.String(), Type.Null()]),
  format: Type.Union([Type.Literal('csv'), Type.Literal('json')]),
  importedAt: Type.String({ format: 'date-time' }),
  importedBy: Type.Object({ id: Type.String(), displayName: Type.String() }),
  totals: Totals,
  provinces: Type.Array(ProvinceFigures, { description: 'most new confirmed first, then new asymptomatic, then current confirmed' }),
});
export type SituationReport = Static<typeof SituationReport>;

export const Latest = Type.Object({
  report: Type.Union([SituationReport, Type.Null()], { description: 'null until the first import' }),
});

export const Preview = Type.Object({
  valid: Type.Boolean(),
  issues: Type.Array(Type.Object({
    field: Type.String({ description: '`line[3].confirmedNew` (CSV), `provinces[2].code` (JSON), `asOf` or `file`' }),
    line: Type.Optional(Type.Integer({ description: 'CSV: the line of the file, the heading being line 1' })),
    message: Type.String(),
  }), { description: 'every problem found (the first 50 at most)' }),
  totals: Totals,
  provinces: Type.Array(ProvinceFigures, { description: 'what would be stored, ranked; empty when there are problems' }),
});
export type Preview = Static<typeof Preview>;
