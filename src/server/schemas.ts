// Request and answer shapes every module shares (the web reads them too, through Static<typeof …>).
import { Type, type TSchema } from '@fastify/type-provider-typebox';
import { DIVISION_CODE_PATTERN } from '../domain/division-code';
import { DIVISION_CODE_KEYWORD } from './typebox';

/**
 * A division or unit code (540102, 540102U001). The official forms (GB/T 2260 510100, statistical
 * 510100000000) are taken too and read as the stored form (5101) before the handler sees them.
 */
export function DivisionCode(options: { description?: string } = {}) {
  return Type.String({ minLength: 2, maxLength: 40, pattern: DIVISION_CODE_PATTERN, [DIVISION_CODE_KEYWORD]: true, ...options });
}

/** A record's id in the path. */
export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

/** The querystring fields of a paged list; each list sets its own default and largest page. */
export function pageQuery(size: { default: number; max: number }) {
  return {
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: size.max, default: size.default }),
  };
}

/** A list answer: how many records match, and the items. */
export function List<T extends TSchema>(item: T) {
  return Type.Object({ total: Type.Integer(), items: Type.Array(item) });
}

/** A paged list answer: how many records match, which page this is, and its items. */
export function Paged<T extends TSchema>(item: T) {
  return Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(item) });
}

/** An answer that is a file or a stream rather than JSON, in one of the given media types. */
export function FileAnswer(description: string, mediaTypes: string[]) {
  return { description, content: Object.fromEntries(mediaTypes.map((t) => [t, { schema: { type: 'string' } }])) };
}
