// Transmission chains (传播链): clusters of cases joined by source links and shared
// exposures, and the graph of one cluster with its places and contacts. Pure and linear.
import type { CaseClassification, CaseStatus, ContactDegree, ExposureSetting } from './enums';

/**
 * Connected components of `links` over `ids` (union-find with path compression). Each id maps to
 * its component's smallest id: ids are time-ordered, so that is the oldest, and stable.
 */
export function components(ids: Iterable<string>, links: Iterable<readonly [string, string]>): Map<string, string> {
  const parent = new Map<string, string>();
  for (const id of ids) parent.set(id, id);
  const find = (x: string): string => {
    if (!parent.has(x)) parent.set(x, x);
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    while (x !== root) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  for (const [a, b] of links) {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    // The smaller id stays the root, so every root is its component's minimum.
    if (ra < rb) parent.set(rb, ra);
    else parent.set(ra, rb);
  }
  const out = new Map<string, string>();
  for (const id of parent.keys()) out.set(id, find(id));
  return out;
}

export interface TimedExposure {
  caseId: string;
  placeKey: string;
  from: string;
  to: string;
}

/**
 * Pairs of cases whose exposures share a place at overlapping times (同一时空). Per place the
 * exposures are swept in time order and each is linked to the one reaching furthest so far
 * that it overlaps: enough to connect every overlapping group, in O(n log n).
 */
export function sharedExposureLinks(exposures: TimedExposure[]): [string, string][] {
  const byPlace = new Map<string, TimedExposure[]>();
  for (const e of exposures) {
    const list = byPlace.get(e.placeKey);
    if (list) list.push(e);
    else byPlace.set(e.placeKey, [e]);
  }
  const links: [string, string][] = [];
  for (const list of byPlace.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    let reach = list[0];
    for (const e of list.slice(1)) {
      if (e.from <= reach.to && e.caseId !== reach.caseId) links.push([reach.caseId, e.caseId]);
      if (e.from > reach.to || e.to > reach.to) reach = e;
    }
  }
  return links;
}

// ---- the graph of a cluster ----

export interface ChainCase {
  id: string;
  /** Name for cases the caller may see; null for cases of other jurisdictions. */
  name: string | null;
  jurisdictionCode: string;
  classification: CaseClassification;
  status: CaseStatus;
  reportedAt: string;
  sourceCaseId: string | null;
  sourceContactId: string | null;
}

export interface ChainExposure {
  id: string;
  caseId: string;
  placeKey: string;
  place: string;
  setting: ExposureSetting;
  from: string;
  to: string;
}

/** A contact the chain draws (one the caller may see); the others are only counted on their place. */
export interface ChainContact {
  id: string;
  exposureId: string;
  viaContactId: string | null;
  degree: ContactDegree;
  name: string;
  positiveCaseId: string | null;
}

export type ChainNode =
  | { id: string; kind: 'case'; caseId: string; label: string | null; hidden: boolean; jurisdictionCode: string; classification: CaseClassification; status: CaseStatus; reportedAt: string }
  | { id: string; kind: 'place'; label: string; setting: ExposureSetting; from: string; to: string; contacts: number; contactsShown: number }
  | { id: string; kind: 'contact'; contactId: string; label: string; degree: ContactDegree; positiveCaseId: string | null };

export interface ChainEdge {
  source: string;
  target: string;
  kind: 'infected' | 'exposed' | 'contact' | 'secondary' | 'became_case';
}

export interface ChainGraph {
  nodes: ChainNode[];
  edges: ChainEdge[];
  /** Contacts counted on their place but not drawn (not visible to the caller, or over the limit). */
  contactsNotShown: number;
}

const caseNode = (id: string) => `case:${id}`;
const placeNode = (key: string) => `place:${key}`;
const contactNode = (id: string) => `contact:${id}`;

/**
 * The graph of a cluster: cases, the places of their exposures (one node per place, however
 * many cases were there), and the contacts drawn. A contact who became a case stands between the
 * place and that case, instead of a direct case-to-case edge. `totals` counts every contact per
 * exposure, drawn or not, so that each place shows how many it had.
 */
export function buildChain(cases: ChainCase[], exposures: ChainExposure[], contacts: ChainContact[], totals: Map<string, number>): ChainGraph {
  const nodes: ChainNode[] = [];
  const edges: ChainEdge[] = [];
  const caseIds = new Set(cases.map((c) => c.id));
  for (const c of cases) {
    nodes.push({
      id: caseNode(c.id), kind: 'case', caseId: c.id, label: c.name, hidden: c.name === null, jurisdictionCode: c.jurisdictionCode,
      classification: c.classification, status: c.status, reportedAt: c.reportedAt,
    });
  }

  const places = new Map<string, Extract<ChainNode, { kind: 'place' }>>();
  const placeOfExposure = new Map<string, string>();
  const exposed = new Set<string>();
  let all = 0;
  for (const e of exposures) {
    const id = placeNode(e.placeKey);
    placeOfExposure.set(e.id, id);
    let place = places.get(id);
    if (!place) {
      place = { id, kind: 'place', label: e.place, setting: e.setting, from: e.from, to: e.to, contacts: 0, contactsShown: 0 };
      places.set(id, place);
    } else {
      if (e.from < place.from) place.from = e.from;
      if (e.to > place.to) place.to = e.to;
    }
    const n = totals.get(e.id) ?? 0;
    place.contacts += n;
    all += n;
    const edgeKey = `${e.caseId}|${id}`;
    if (caseIds.has(e.caseId) && !exposed.has(edgeKey)) {
      exposed.add(edgeKey);
      edges.push({ source: caseNode(e.caseId), target: id, kind: 'exposed' });
    }
  }

  const drawn = new Set(contacts.filter((c) => placeOfExposure.has(c.exposureId)).map((c) => c.id));
  for (const c of contacts) {
    const placeId = placeOfExposure.get(c.exposureId);
    if (!placeId) continue;
    places.get(placeId)!.contactsShown++;
    const id = contactNode(c.id);
    nodes.push({ id, kind: 'contact', contactId: c.id, label: c.name, degree: c.degree, positiveCaseId: c.positiveCaseId });
    const viaDrawn = c.viaContactId && drawn.has(c.viaContactId);
    edges.push(viaDrawn ? { source: contactNode(c.viaContactId!), target: id, kind: 'secondary' } : { source: placeId, target: id, kind: 'contact' });
    if (c.positiveCaseId && caseIds.has(c.positiveCaseId)) edges.push({ source: id, target: caseNode(c.positiveCaseId), kind: 'became_case' });
  }

  for (const c of cases) {
    if (!c.sourceCaseId || !caseIds.has(c.sourceCaseId)) continue;
    if (c.sourceContactId && drawn.has(c.sourceContactId)) continue;
    edges.push({ source: caseNode(c.sourceCaseId), target: caseNode(c.id), kind: 'infected' });
  }
  nodes.push(...places.values());
  return { nodes, edges, contactsNotShown: all - drawn.size };
}
