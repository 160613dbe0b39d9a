// How request input is read, for every route at once:
// - bodies are taken as sent: no type coercion ("123" is not a number, 0 is not false) and an
//   unknown field is refused, not dropped; querystrings and path parameters, which are text
//   by nature, are still coerced;
// - every string in a JSON body is normalised (src/domain/text.ts) before it is validated, so
//   a name of spaces fails minLength;
// - every date and date-time in a body or querystring lies in the range the work allows
//   (src/domain/date-bounds.ts): `x-date-range` on the field names the range, default event;
// - a division code given in an official six- or twelve-digit form is read as the stored form
//   (src/domain/division-code.ts) wherever the field is marked `x-division-code`.
import { Ajv, type AnySchemaObject, type SchemaObject, type SchemaValidateFunction } from 'ajv';
import type { DataValidationCxt } from 'ajv/dist/types';
import addFormats from 'ajv-formats';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Config } from './config';
import { dateProblem, DATE_RANGES, type DateRange } from '../domain/date-bounds';
import { normaliseText } from '../domain/text';
import { localMinute } from '../domain/time';
import { DATE_RANGE_KEYWORD, DIVISION_CODE_KEYWORD } from './typebox';
import { canonicalDivisionCode } from '../domain/division-code';

function createAjv(config: Config, options: { coerceTypes: false | 'array'; removeAdditional: boolean }): Ajv {
  const ajv = new Ajv({ ...options, useDefaults: true, addUsedSchema: false, allErrors: false });
  addFormats(ajv);
  const validate: SchemaValidateFunction = (range: DateRange, data: string, parent?: AnySchemaObject) => {
    const kind = parent?.format === 'date' ? 'date' : 'date-time';
    const p = dateProblem(data, kind, range, new Date(), config.dates, config.timeZone);
    if (!p) return true;
    const limit = p.problem === 'invalid' ? null : kind === 'date' ? p.limit : localMinute(p.limit, config.timeZone);
    validate.errors = [{ keyword: DATE_RANGE_KEYWORD, params: { problem: p.problem, limit } }];
    return false;
  };
  ajv.addKeyword({
    keyword: DIVISION_CODE_KEYWORD,
    type: 'string',
    schemaType: 'boolean',
    modifying: true,
    validate: (on: boolean, data: string, _parent?: AnySchemaObject, cxt?: DataValidationCxt) => {
      if (on && cxt?.parentData !== undefined) (cxt.parentData as Record<string | number, unknown>)[cxt.parentDataProperty] = canonicalDivisionCode(data);
      return true;
    },
  });
  ajv.addKeyword({ keyword: DATE_RANGE_KEYWORD, type: 'string', schemaType: 'string', errors: true, metaSchema: { enum: [...DATE_RANGES] }, validate });
  return ajv;
}

const isDateField = (s: AnySchemaObject) => s.type === 'string' && (s.format === 'date' || s.format === 'date-time');
// Values, not schemas: left as they are.
const NOT_SCHEMAS = new Set(['default', 'enum', 'const', 'examples']);

/**
 * A copy of a request schema with every date field given its range (default event) and, for a
 * body, every object closed to fields it does not list. Parts of an allOf are not closed, since
 * each would refuse the others' fields.
 */
export function withInputRules(schema: unknown, close: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((s) => withInputRules(s, close));
  if (!schema || typeof schema !== 'object') return schema;
  const out: AnySchemaObject = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = NOT_SCHEMAS.has(key) ? value : withInputRules(value, close && key !== 'allOf');
  }
  if (isDateField(out) && !(DATE_RANGE_KEYWORD in out)) out[DATE_RANGE_KEYWORD] = 'event';
  if (close && out.type === 'object' && out.additionalProperties === undefined && out.patternProperties === undefined) out.additionalProperties = false;
  return out;
}

// Secrets are compared as typed.
const VERBATIM = /password/i;

function normaliseStrings(value: unknown): unknown {
  if (typeof value === 'string') return normaliseText(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = normaliseStrings(value[i]);
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) if (!VERBATIM.test(key)) record[key] = normaliseStrings(record[key]);
  }
  return value;
}

/** Installs the rules above; call before any route is registered. */
export function registerInputRules(app: FastifyInstance, config: Config): void {
  const bodies = createAjv(config, { coerceTypes: false, removeAdditional: false });
  const texts = createAjv(config, { coerceTypes: 'array', removeAdditional: true });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodies : texts).compile(schema as SchemaObject));

  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.schema) return;
    const schema = { ...route.schema };
    if (schema.body) schema.body = withInputRules(schema.body, true);
    if (schema.querystring) schema.querystring = withInputRules(schema.querystring, false);
    route.schema = schema;
  });

  app.addHook('preValidation', async (req) => {
    if (req.body && typeof req.body === 'object') normaliseStrings(req.body);
  });
}
