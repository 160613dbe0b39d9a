import { Type } from '@fastify/type-provider-typebox';

/** A string schema limited to the values of one of the shared enumerations. */
export function StringEnum<T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}
