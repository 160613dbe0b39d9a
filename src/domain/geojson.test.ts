import { describe, expect, it } from 'vitest';
import {
  MAX_GEOJSON_BYTES, checkReviewNumber, checkSize, childCodeUnder, normalizeCode, parseBoundary, resolveBoundary,
  type BoundaryReference, type ReferenceNode,
} from './geojson';

const square = (lon: number, lat: number, d = 0.1) => [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]];
const feature = (properties: Record<string, unknown> | null, geometry: unknown = { type: 'Polygon', coordinates: square(91, 29.6) }) =>
  ({ type: 'Feature', properties, geometry });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

const LHASA = { code: '5401', name: '拉萨市' };
const NODES: ReferenceNode[] = [
  { code: '540102', name: '城关区', parentCode: '5401' },
  { code: '540103', name: '堆龙德庆区', parentCode: '5401' },
  { code: '540102002', name: '八廓街道', parentCode: '540102' },
  { code: '5401U001', name: '柳梧新区', parentCode: '5401' },
  { code: '540202', name: '桑珠孜区', parentCode: '5402' },
  { code: '5401', name: '拉萨市', parentCode: '54' },
];
const ref = (named: ReferenceNode[] = []): BoundaryReference => ({ byCode: new Map(NODES.map((n) => [n.code, n])), named });

function problemOf(input: unknown, named: ReferenceNode[] = []) {
  const parsed = parseBoundary(input);
  if (!parsed.ok) return parsed.problem;
  const resolved = resolveBoundary(parsed.value, LHASA, ref(named));
  return resolved.ok ? null : resolved.problem;
}

describe('normalizeCode', () => {
  it('reads adcodes, padded statistical codes and the platform’s own codes', () => {
    expect(normalizeCode('540000')).toBe('54');
    expect(normalizeCode(540100)).toBe('5401');
    expect(normalizeCode(540102)).toBe('540102');
    expect(normalizeCode('540102002000')).toBe('540102002');
    expect(normalizeCode('540102000000')).toBe('540102');
    expect(normalizeCode('540102002001')).toBe('540102002001');
    expect(normalizeCode(' 540102002 ')).toBe('540102002');
    expect(normalizeCode('5401U001')).toBe('5401U001');
  });

  it('refuses what is not a code', () => {
    for (const raw of ['拉萨', '54010', 5401.5, -540102, '5401U01', true, {}]) expect(normalizeCode(raw)).toBeNull();
  });
});

describe('childCodeUnder', () => {
  it('finds the child of a node that holds a descendant', () => {
    expect(childCodeUnder('5401', '540102')).toBe('540102');
    expect(childCodeUnder('5401', '540102002001')).toBe('540102');
    expect(childCodeUnder('54', '540102002')).toBe('5401');
    expect(childCodeUnder('5401', '5401U001U002')).toBe('5401U001');
    expect(childCodeUnder('540102', '540102U001')).toBe('540102U001');
  });

  it('is null for the node itself and for nodes elsewhere', () => {
    expect(childCodeUnder('5401', '5401')).toBeNull();
    expect(childCodeUnder('5401', '540202')).toBeNull();
    expect(childCodeUnder('5401', '54')).toBeNull();
  });
});

describe('parseBoundary and resolveBoundary', () => {
  it('accepts Polygon and MultiPolygon features named by code, adcode or a unique name', () => {
    const input = collection(
      feature({ code: '540102', name: 'whatever', cp: [91.1, 29.65], extra: 'dropped' }),
      feature({ adcode: 540103 }, { type: 'MultiPolygon', coordinates: [square(90.9, 29.6), square(90.7, 29.6, 0.05)] }),
      feature({ name: '柳梧新区' }),
      feature({ code: 540102002000 }, { type: 'Polygon', coordinates: [...square(91.12, 29.65, 0.01), [[91.121, 29.651], [91.122, 29.651], [91.122, 29.652], [91.121, 29.651]]] }),
    );
    const parsed = parseBoundary(input);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const resolved = resolveBoundary(parsed.value, LHASA, ref([NODES[3]]));
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    expect(resolved.value.type).toBe('FeatureCollection');
    expect(resolved.value.features.map((f) => f.properties)).toEqual([
      { code: '540102', name: '城关区', cp: [91.1, 29.65] },
      { code: '540103', name: '堆龙德庆区' },
      { code: '5401U001', name: '柳梧新区' },
      { code: '540102002', name: '八廓街道' },
    ]);
    expect(resolved.value.features[1].geometry.type).toBe('MultiPolygon');
  });

  it('names the field of the first problem in the file', () => {
    const ok = feature({ code: '540102' });
    const cases: [unknown, string][] = [
      [[ok], 'geojson'],
      [{ type: 'Feature', features: [ok] }, 'type'],
      [collection(), 'features'],
      [collection(ok, { type: 'Point' }), 'features[1].type'],
      [collection(ok, feature({ code: '540102' }, null)), 'features[1].geometry'],
      [collection(ok, feature({ code: '540102' }, { type: 'Point', coordinates: [91, 29] })), 'features[1].geometry.type'],
      [collection(feature({ code: '540102' }, { type: 'Polygon', coordinates: [] })), 'features[0].geometry.coordinates'],
      [collection(feature({ code: '540102' }, { type: 'Polygon', coordinates: [[[91, 29], [92, 29], [91, 29]]] })), 'features[0].geometry.coordinates[0]'],
      [collection(feature({ code: '540102' }, { type: 'Polygon', coordinates: [[[91, 29], [92, 29], [92, 30], [91, 29.5]]] })), 'features[0].geometry.coordinates[0]'],
      [collection(feature({ code: '540102' }, { type: 'Polygon', coordinates: [[[91, 29], [92, '29'], [92, 30], [91, 29]]] })), 'features[0].geometry.coordinates[0][1]'],
      [collection(feature({ code: '540102' }, { type: 'Polygon', coordinates: [[[191, 29], [92, 29], [92, 30], [191, 29]]] })), 'features[0].geometry.coordinates[0][0][0]'],
      [collection(feature({ code: '540102' }, { type: 'Polygon', coordinates: [[[91, 29], [92, 29], [92, 95], [91, 29]]] })), 'features[0].geometry.coordinates[0][2][1]'],
      [collection(feature({ code: '540102' }, { type: 'MultiPolygon', coordinates: [square(91, 29), [[[91, 29]]]] })), 'features[0].geometry.coordinates[1][0]'],
      [collection(ok, ok, ok, feature({})), 'features[3].properties.code'],
      [collection(ok, feature(null)), 'features[1].properties.code'],
      [collection(feature({ code: 'Lhasa' })), 'features[0].properties.code'],
      [collection(feature({ adcode: 5401.5 })), 'features[0].properties.adcode'],
    ];
    for (const [input, field] of cases) expect(problemOf(input)?.field, JSON.stringify(input).slice(0, 200)).toBe(field);
  });

  it('refuses codes that are unknown, not below the jurisdiction, or the jurisdiction itself', () => {
    const unknown = problemOf(collection(feature({ code: '540102' }), feature({ code: '540199' })));
    expect(unknown).toMatchObject({ field: 'features[1].properties.code', en: 'unknown code 540199' });
    const elsewhere = problemOf(collection(feature({ code: '540202' })));
    expect(elsewhere).toMatchObject({ field: 'features[0].properties.code', zh: '540202（桑珠孜区）不在拉萨市的下级辖区中' });
    expect(problemOf(collection(feature({ adcode: '540100' })))).toMatchObject({ field: 'features[0].properties.adcode', en: '5401 (拉萨市) is not below 拉萨市' });
  });

  it('matches a name only when exactly one node below has it, preferring direct children', () => {
    const twin = { code: '540103001', name: '城关区', parentCode: '540103' };
    expect(problemOf(collection(feature({ name: '城关区' })), [NODES[0], twin])).toBeNull();
    const a = { code: '540102001', name: '吉崩岗街道', parentCode: '540102' };
    const b = { code: '540103002', name: '吉崩岗街道', parentCode: '540103' };
    expect(problemOf(collection(feature({ name: '吉崩岗街道' })), [a])).toBeNull();
    expect(problemOf(collection(feature({ name: '吉崩岗街道' })), [a, b])).toMatchObject({ field: 'features[0].properties.name' });
    expect(problemOf(collection(feature({ name: '桑珠孜区' })), [NODES[4]])).toMatchObject({ field: 'features[0].properties.name' });
    expect(problemOf(collection(feature({ name: '无此地' })))?.zh).toContain('不是拉萨市的下级辖区');
  });
});

describe('review number and size', () => {
  it('requires a non-empty review number and trims it', () => {
    expect(checkReviewNumber(' 藏S(2022)001号 ')).toEqual({ ok: true, value: '藏S(2022)001号' });
    for (const v of ['', '   ', undefined, 12]) expect(checkReviewNumber(v)).toMatchObject({ ok: false, problem: { field: 'reviewNumber' } });
    expect(checkReviewNumber('x'.repeat(65)).ok).toBe(false);
  });

  it('allows up to 20 MB', () => {
    expect(checkSize(MAX_GEOJSON_BYTES).ok).toBe(true);
    expect(checkSize(MAX_GEOJSON_BYTES + 1)).toMatchObject({ ok: false, problem: { field: 'geojson', en: 'is larger than the 20 MB limit' } });
  });
});
