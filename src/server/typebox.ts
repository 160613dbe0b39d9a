import { Type } from '@fastify/type-provider-typebox';
import type { DateRange } from '../domain/date-bounds';

/** The schema keyword naming the range a date field must lie in (src/server/input.ts checks it). */
export const DATE_RANGE_KEYWORD = 'x-date-range';

/** The schema keyword of a division code field: src/server/input.ts stores the official six- and twelve-digit forms as the one stored form. */
export const DIVISION_CODE_KEYWORD = 'x-division-code';

/** Marks a date field with its range, e.g. `Type.String({ format: 'date-time', ...dateRange('plan') })`; unmarked ones are events. */
export function dateRange(range: DateRange) {
  return { [DATE_RANGE_KEYWORD]: range };
}

/** A string schema limited to the values of one of the shared enumerations. */
export function StringEnum<T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}
