// What the OpenAPI document says of every operation at once: its error answers, all in one shape.
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { ERROR_CODES } from './errors';
import { StringEnum } from './typebox';

/** Every error answer (src/server/errors.ts). */
export const ErrorBody = Type.Object(
  {
    code: StringEnum(ERROR_CODES),
    message: Type.String({ description: 'in the caller’s language (Accept-Language: en for English, else Chinese)' }),
    field: Type.Optional(Type.String({ description: 'the request field at fault, e.g. person.documentNumber' })),
  },
  { $id: 'Error', title: 'Error' },
);

/** Declares the shared error answer on every route that states no 4xx answer of its own; call before any route is registered. */
export function registerErrorAnswers(app: FastifyInstance): void {
  app.addSchema(ErrorBody);
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.schema || route.schema.hide) return;
    const response = (route.schema.response ?? {}) as Record<string, unknown>;
    if (Object.keys(response).some((status) => status.startsWith('4'))) return;
    route.schema = {
      ...route.schema,
      response: { ...response, '4xx': { description: 'refused: the request, the caller’s rights or the record’s state does not allow it', $ref: 'Error#' } },
    };
  });
}
