// Shapes of the API's answers. Arrival types come straight from the server's
// TypeBox schemas (type-only imports: nothing of the server reaches the bundle).
import type { Static } from '@fastify/type-provider-typebox';
import type { ArrivalView as ArrivalViewSchema, NewArrival as NewArrivalSchema } from '../../../src/modules/arrivals/schemas';
import type { EntryPointView } from '../../../src/modules/jurisdictions/schemas';
import type { UserView } from '../../../src/modules/users/schemas';
import type { JurisdictionLevel, Stage, UnitKind } from '../../../src/domain/enums';

export type ArrivalView = ArrivalViewSchema;
export type NewArrival = NewArrivalSchema;
export type TimelineEntry = NonNullable<ArrivalView['timeline']>[number];

/** A list answer: one page of items and the total (the server's list schemas each declare this envelope). */
export interface Page<T> {
  total: number;
  page?: number;
  pageSize?: number;
  items: T[];
}

export type User = Static<typeof UserView>;

export interface JurisdictionNode {
  code: string;
  name: string;
  level: JurisdictionLevel;
  kind: string;
  parentCode: string | null;
  hasChildren?: boolean;
  rooms?: number | null;
  hotelCode?: string | null;
  /** Search results: names from the city down, space-separated. */
  path?: string | string[];
  active?: boolean;
}

export type EntryPoint = Static<typeof EntryPointView>;

export interface Unit extends JurisdictionNode {
  kind: UnitKind;
}

export interface RevealedIdentity {
  documentNumber: string;
  phone: string | null;
}

export type { Stage };

/** A search result's path as display text (the API may send a string or an array of names). */
export function pathText(node: Pick<JurisdictionNode, 'path' | 'name'>): string {
  const p = node.path;
  if (!p) return node.name;
  if (Array.isArray(p)) return p.map((x) => (typeof x === 'string' ? x : (x as { name: string }).name)).join(' ');
  return p;
}
