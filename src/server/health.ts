import { Type } from '@fastify/type-provider-typebox';

const PoolFailure = Type.Object({
  code: Type.Union([Type.String(), Type.Null()], { description: 'the PostgreSQL or network error code, e.g. 57P01' }),
  message: Type.String(),
  at: Type.String({ format: 'date-time' }),
});

/** What GET /api/health answers: 200 while the database answers, 503 when it does not. */
export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  region: Type.String(),
  poolErrors: Type.Object(
    { count: Type.Integer({ minimum: 0 }), last: Type.Union([PoolFailure, Type.Null()]) },
    { description: 'connections the PostgreSQL pool lost outside any query since the start (a server restart, a failover); always 0 on SQLite' },
  ),
});
