import { describe, expect, it } from 'vitest';
import { buildChain, components, sharedExposureLinks, type ChainCase, type ChainContact, type ChainExposure } from './chains';

const kase = (id: string, extra: Partial<ChainCase> = {}): ChainCase => ({
  id, name: `病例${id}`, jurisdictionCode: '5401', classification: 'confirmed', status: 'admitted', reportedAt: '2022-08-20T00:00:00.000Z',
  sourceCaseId: null, sourceContactId: null, ...extra,
});

describe('components', () => {
  it('joins linked ids and names each group by its smallest id', () => {
    const roots = components(['a', 'b', 'c', 'd', 'e'], [['b', 'c'], ['d', 'b'], ['e', 'e']]);
    expect(Object.fromEntries(roots)).toEqual({ a: 'a', b: 'b', c: 'b', d: 'b', e: 'e' });
  });

  it('takes ids that appear only in links', () => {
    expect(components([], [['x', 'y']]).get('y')).toBe('x');
  });
});

describe('sharedExposureLinks', () => {
  it('links cases at one place at overlapping times, not at other times or places', () => {
    const links = sharedExposureLinks([
      { caseId: 'A', placeKey: 'P:1', from: '2022-08-16T01:00:00Z', to: '2022-08-16T10:00:00Z' },
      { caseId: 'B', placeKey: 'P:1', from: '2022-08-16T02:00:00Z', to: '2022-08-16T03:00:00Z' },
      { caseId: 'C', placeKey: 'P:1', from: '2022-08-16T09:00:00Z', to: '2022-08-16T11:00:00Z' },
      { caseId: 'D', placeKey: 'P:1', from: '2022-08-17T09:00:00Z', to: '2022-08-17T11:00:00Z' },
      { caseId: 'E', placeKey: 'P:2', from: '2022-08-16T02:00:00Z', to: '2022-08-16T03:00:00Z' },
    ]);
    const roots = components(['A', 'B', 'C', 'D', 'E'], links);
    expect(new Set(['A', 'B', 'C'].map((x) => roots.get(x)))).toEqual(new Set(['A']));
    expect(roots.get('D')).toBe('D');
    expect(roots.get('E')).toBe('E');
  });
});

describe('buildChain', () => {
  const exposures: ChainExposure[] = [
    { id: 'e1', caseId: 'A', placeKey: 'T:TV9872:2022-08-18', place: 'TV9872', setting: 'transport', from: '2022-08-18T01:00:00Z', to: '2022-08-18T03:00:00Z' },
    { id: 'e2', caseId: 'B', placeKey: 'T:TV9872:2022-08-18', place: 'TV9872', setting: 'transport', from: '2022-08-18T01:00:00Z', to: '2022-08-18T03:00:00Z' },
  ];
  // Three contacts; the third (at e2) is one the caller may not see, so only counted.
  const contacts: ChainContact[] = [
    { id: 'k1', exposureId: 'e1', viaContactId: null, degree: 'close', name: '密接一', positiveCaseId: 'C' },
    { id: 'k2', exposureId: 'e1', viaContactId: 'k1', degree: 'secondary', name: '次密接', positiveCaseId: null },
  ];
  const totals = new Map([['e1', 2], ['e2', 1]]);
  const cases = [kase('A'), kase('B', { name: null }), kase('C', { sourceCaseId: 'A', sourceContactId: 'k1' }), kase('D', { sourceCaseId: 'C' })];

  it('draws one place for a shared flight, the path case → place → contact → case, and secondary contacts from their close contact', () => {
    const g = buildChain(cases, exposures, contacts, totals);
    expect(g.nodes.filter((n) => n.kind === 'place')).toEqual([
      { id: 'place:T:TV9872:2022-08-18', kind: 'place', label: 'TV9872', setting: 'transport', from: '2022-08-18T01:00:00Z', to: '2022-08-18T03:00:00Z', contacts: 3, contactsShown: 2 },
    ]);
    expect(g.edges).toEqual([
      { source: 'case:A', target: 'place:T:TV9872:2022-08-18', kind: 'exposed' },
      { source: 'case:B', target: 'place:T:TV9872:2022-08-18', kind: 'exposed' },
      { source: 'place:T:TV9872:2022-08-18', target: 'contact:k1', kind: 'contact' },
      { source: 'contact:k1', target: 'case:C', kind: 'became_case' },
      { source: 'contact:k1', target: 'contact:k2', kind: 'secondary' },
      { source: 'case:C', target: 'case:D', kind: 'infected' },
    ]);
    expect(g.nodes.find((n) => n.id === 'case:B')).toMatchObject({ hidden: true, label: null });
    expect(g.contactsNotShown).toBe(1);
  });

  it('draws a secondary contact from the place when their close contact is not drawn, and counts the rest', () => {
    const g = buildChain(cases, exposures, [contacts[1]], totals);
    expect(g.nodes.filter((n) => n.kind === 'contact').map((n) => n.id)).toEqual(['contact:k2']);
    expect(g.edges).toContainEqual({ source: 'place:T:TV9872:2022-08-18', target: 'contact:k2', kind: 'contact' });
    expect(g.edges).toContainEqual({ source: 'case:A', target: 'case:C', kind: 'infected' });
    expect(g.contactsNotShown).toBe(2);
  });

  it('builds a 1,000-case cluster with 30,000 contacts, one place node per place', () => {
    const many: ChainCase[] = [];
    const ex: ChainExposure[] = [];
    const ks: ChainContact[] = [];
    const totals = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const id = `c${String(i).padStart(4, '0')}`;
      many.push(kase(id, { sourceCaseId: i ? `c${String(Math.floor(i / 3)).padStart(4, '0')}` : null }));
      for (let j = 0; j < 3; j++) {
        const eid = `${id}e${j}`;
        ex.push({ id: eid, caseId: id, placeKey: `P:${i % 200}:${j}`, place: `地点${i % 200}`, setting: 'venue', from: '2022-08-18T01:00:00Z', to: '2022-08-18T03:00:00Z' });
        for (let k = 0; k < 10; k++) ks.push({ id: `${eid}k${k}`, exposureId: eid, viaContactId: null, degree: 'close', name: '某', positiveCaseId: null });
        totals.set(eid, 12);
      }
    }
    const g = buildChain(many, ex, ks, totals);
    expect(g.nodes.filter((n) => n.kind === 'contact')).toHaveLength(30_000);
    const places = g.nodes.filter((n) => n.kind === 'place');
    expect(places).toHaveLength(600);
    // Each place gathers five cases' exposures: 5 × 12 contacts, 5 × 10 of them drawn.
    expect(places.every((p) => p.kind === 'place' && p.contacts === 60 && p.contactsShown === 50)).toBe(true);
    expect(g.contactsNotShown).toBe(6000);
    expect(g.edges.filter((e) => e.kind === 'infected')).toHaveLength(999);
  });
});
