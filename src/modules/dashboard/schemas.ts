import { Type, type Static } from '@fastify/type-provider-typebox';

const Named = Type.Object({ code: Type.String(), name: Type.String() });
const Count = Type.Integer({ minimum: 0 });
const DayAndTotal = Type.Object({ day: Count, total: Type.Integer({ minimum: 0, description: 'up to the end of the report day' }) });

const jurisdiction = Type.Optional(Type.String({ minLength: 2, maxLength: 32, description: 'node code; default the caller’s, and must lie within it' }));
const date = Type.Optional(Type.String({ format: 'date', description: 'report day in the configured time zone; default today' }));
const days = Type.Integer({ minimum: 1, maximum: 90, default: 1, description: 'the last N report days ending with `date`' });

export const ScopeQuery = Type.Object({ jurisdiction, date });
export type ScopeQuery = Static<typeof ScopeQuery>;

export const OriginQuery = Type.Object({
  jurisdiction,
  date,
  days,
  province: Type.Optional(Type.String({ pattern: '^[0-9]{2}$', description: 'rank the cities of this origin province' })),
});
export type OriginQuery = Static<typeof OriginQuery>;

export const CompoundQuery = Type.Object({ jurisdiction, date, days });
export type CompoundQuery = Static<typeof CompoundQuery>;

export const TrendQuery = Type.Object({
  jurisdiction,
  date: Type.Optional(Type.String({ format: 'date', description: 'last report day of the trend; default today' })),
  days: Type.Union([Type.Literal(14), Type.Literal(30)], { default: 14 }),
});
export type TrendQuery = Static<typeof TrendQuery>;

export const Headline = Type.Object({
  arrivals: DayAndTotal,
  abnormalTemperature: DayAndTotal,
  dispositions: Type.Object({
    feverClinic: DayAndTotal,
    centralised: DayAndTotal,
    home: DayAndTotal,
  }, { description: 'centralised: centralised isolation, centralised observation and employer hotels' }),
  handoffsOverdue: Type.Integer({ minimum: 0, description: 'hand-offs not acknowledged in time, now' }),
  underObservation: Type.Object({ home: Count, centralised: Count }, { description: 'now' }),
  released: DayAndTotal,
  missingChecks: Type.Integer({ minimum: 0, description: 'checks of the report day’s slots whose deadline has passed' }),
  openAlerts: Type.Integer({ minimum: 0, description: 'now' }),
});
export type Headline = Static<typeof Headline>;

const Header = {
  jurisdiction: Named,
  date: Type.String({ format: 'date' }),
  generatedAt: Type.String({ format: 'date-time' }),
};

export const Summary = Type.Object({ ...Header, figures: Headline });

export const Children = Type.Object({
  ...Header,
  children: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), level: Type.String(), kind: Type.String(), figures: Headline })),
});

export const Origins = Type.Object({
  ...Header,
  from: Type.String({ format: 'date', description: 'first report day counted' }),
  province: Type.Union([Named, Type.Null()]),
  items: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), count: Count })),
});

export const Compounds = Type.Object({
  ...Header,
  from: Type.String({ format: 'date' }),
  compounds: Type.Array(Type.Object({ community: Named, compound: Type.Union([Type.String(), Type.Null()]), count: Count })),
  communities: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), count: Count })),
});

export const Trend = Type.Object({
  ...Header,
  days: Type.Array(Type.Object({
    date: Type.String({ format: 'date' }),
    arrivals: Count,
    abnormalTemperature: Count,
    underObservation: Type.Integer({ minimum: 0, description: 'at the end of the day' }),
    released: Count,
  })),
});

export const EntryPointQuery = Type.Object({ jurisdiction, date, days: Type.Integer({ minimum: 1, maximum: 30, default: 7, description: 'the last N report days ending with `date`' }) });
export type EntryPointQuery = Static<typeof EntryPointQuery>;

export const EntryPoints = Type.Object({
  ...Header,
  from: Type.String({ format: 'date' }),
  dates: Type.Array(Type.String({ format: 'date' })),
  items: Type.Array(Type.Object({
    id: Type.String(),
    name: Type.String(),
    hours: Type.Array(Count, { description: 'per local hour of the report day, from 00:00' }),
    days: Type.Array(Count, { description: 'per day of `dates`' }),
    total: Count,
  })),
});

const Waiting = Type.Object({ count: Count, overdue: Count });

export const Handoffs = Type.Object({
  ...Header,
  registered: Type.Integer({ minimum: 0, description: 'registered on the report day' }),
  unitReceived: Type.Integer({ minimum: 0, description: 'of those, received by their subdistrict or unit (or further)' }),
  observationStarted: Type.Integer({ minimum: 0, description: 'of those, received by their community or hotel' }),
  waitingForUnit: Waiting,
  waitingForCommunity: Waiting,
});
