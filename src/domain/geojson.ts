// Boundary maps a deployment uploads for one jurisdiction (its reviewed map, with its 审图号): a
// GeoJSON FeatureCollection of Polygon/MultiPolygon features, each naming a node below that
// jurisdiction by code (properties.code or properties.adcode) or, failing that, by an unambiguous
// name. Checking happens in two steps because the codes and names have to be looked up in between:
// parseBoundary (shape, geometry, identifiers) and resolveBoundary (against the reference nodes).
// Pure, and safe for the browser bundle.
import { ancestorCodes, canonicalDivisionCode, DIVISION_CODE, DIVISION_LENGTHS } from './division-code';

export const MAX_GEOJSON_BYTES = 20 * 1024 * 1024;
export const MAX_REVIEW_NUMBER_LENGTH = 64;

export interface Problem {
  /** Where in the GeoJSON (or the request), e.g. features[3].properties.code. */
  field: string;
  zh: string;
  en: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const fail = (field: string, zh: string, en: string): { ok: false; problem: Problem } => ({ ok: false, problem: { field, zh, en } });

type Position = number[];
type Ring = Position[];
export interface BoundaryGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: Ring[] | Ring[][];
}

export interface ParsedFeature {
  index: number;
  /** Normalised code from properties.code or properties.adcode; null when the feature has neither. */
  code: string | null;
  /** Which property the code came from, for error messages. */
  codeKey: 'code' | 'adcode';
  name: string | null;
  geometry: BoundaryGeometry;
  /** Where to put the label, when the file says (cp, centroid or center). */
  cp: [number, number] | null;
}

export interface ParsedBoundary {
  features: ParsedFeature[];
}

/** The GeoJSON as stored and served: each feature carries the code and reference name of its node. */
export interface BoundaryCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    properties: { code: string; name: string; cp?: [number, number] };
    geometry: BoundaryGeometry;
  }[];
}

export function checkReviewNumber(value: unknown): Checked<string> {
  const s = typeof value === 'string' ? value.trim() : '';
  if (!s) return fail('reviewNumber', '为必填项（地图审图号，如“藏S(2022)001号”）', 'is required (the map review number, e.g. 藏S(2022)001号)');
  if (s.length > MAX_REVIEW_NUMBER_LENGTH) {
    return fail('reviewNumber', `长度不能超过 ${MAX_REVIEW_NUMBER_LENGTH}`, `must be at most ${MAX_REVIEW_NUMBER_LENGTH} characters`);
  }
  return { ok: true, value: s };
}

export function checkSize(bytes: number): Checked<number> {
  const mb = MAX_GEOJSON_BYTES / 1024 / 1024;
  return bytes > MAX_GEOJSON_BYTES ? fail('geojson', `超过 ${mb} MB 上限`, `is larger than the ${mb} MB limit`) : { ok: true, value: bytes };
}

/**
 * A division code as this platform writes it (54, 5401, 540102, 540102002, 540102002001, 540102U001)
 * from the forms boundary files use: 6-digit adcodes (540000, 540100, 540102, also as numbers) and
 * 12-digit statistical codes padded with zeros (540102002000). Null when it is not a code at all.
 */
export function normalizeCode(raw: unknown): string | null {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0) raw = String(raw);
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (!DIVISION_CODE.test(s)) return null;
  if (s.includes('U')) return s;
  const code = canonicalDivisionCode(s);
  return DIVISION_LENGTHS.includes(code.length) ? code : null;
}

/** The child of `parent` whose subtree holds `code` (itself when it is a child), or null when it lies elsewhere. */
export function childCodeUnder(parent: string, code: string): string | null {
  const line = [...ancestorCodes(code), code];
  const i = line.indexOf(parent);
  return i >= 0 && i < line.length - 1 ? line[i + 1] : null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkPosition(p: unknown, field: string): Problem | null {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    return { field, zh: '应为 [经度, 纬度] 数值', en: 'must be a [longitude, latitude] pair of numbers' };
  }
  if (p[0] < -180 || p[0] > 180) return { field: field + '[0]', zh: '经度应在 -180 到 180 之间', en: 'longitude must lie between -180 and 180' };
  if (p[1] < -90 || p[1] > 90) return { field: field + '[1]', zh: '纬度应在 -90 到 90 之间', en: 'latitude must lie between -90 and 90' };
  return null;
}

function checkPolygon(polygon: unknown, field: string): Problem | null {
  if (!Array.isArray(polygon) || polygon.length === 0) return { field, zh: '应为至少含一个环的数组', en: 'must be an array of at least one ring' };
  for (let r = 0; r < polygon.length; r++) {
    const ring: unknown = polygon[r];
    const rf = `${field}[${r}]`;
    if (!Array.isArray(ring) || ring.length < 4) return { field: rf, zh: '每个环至少需要 4 个坐标点', en: 'a ring needs at least 4 positions' };
    for (let i = 0; i < ring.length; i++) {
      const problem = checkPosition(ring[i], `${rf}[${i}]`);
      if (problem) return problem;
    }
    const first = ring[0] as number[];
    const last = ring[ring.length - 1] as number[];
    if (first[0] !== last[0] || first[1] !== last[1]) return { field: rf, zh: '环须闭合（首尾坐标相同）', en: 'ring must be closed (first and last positions equal)' };
  }
  return null;
}

function checkGeometry(g: unknown, field: string): Checked<BoundaryGeometry> {
  if (!isObject(g)) return fail(field, '为必填项', 'is required');
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return fail(field + '.type', '应为 Polygon 或 MultiPolygon', 'must be Polygon or MultiPolygon');
  const cf = field + '.coordinates';
  if (g.type === 'Polygon') {
    const problem = checkPolygon(g.coordinates, cf);
    if (problem) return { ok: false, problem };
  } else {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return fail(cf, '应为至少含一个多边形的数组', 'must be an array of at least one polygon');
    for (let i = 0; i < g.coordinates.length; i++) {
      const problem = checkPolygon(g.coordinates[i], `${cf}[${i}]`);
      if (problem) return { ok: false, problem };
    }
  }
  return { ok: true, value: { type: g.type, coordinates: g.coordinates as Ring[] | Ring[][] } };
}

function labelPoint(props: Record<string, unknown>): [number, number] | null {
  for (const key of ['cp', 'centroid', 'center']) {
    const p = props[key];
    if (Array.isArray(p) && p.length === 2 && !checkPosition(p, key)) return [p[0] as number, p[1] as number];
  }
  return null;
}

/** Shape, geometry and identifiers of an uploaded boundary file; the first problem found, by field. */
export function parseBoundary(input: unknown): Checked<ParsedBoundary> {
  if (!isObject(input)) return fail('geojson', '应为 GeoJSON 对象', 'must be a GeoJSON object');
  if (input.type !== 'FeatureCollection') return fail('type', '应为 FeatureCollection', 'must be FeatureCollection');
  if (!Array.isArray(input.features) || input.features.length === 0) return fail('features', '应为至少含一个要素的数组', 'must be an array of at least one feature');
  const features: ParsedFeature[] = [];
  for (let index = 0; index < input.features.length; index++) {
    const f: unknown = input.features[index];
    const at = `features[${index}]`;
    if (!isObject(f) || f.type !== 'Feature') return fail(at + '.type', '应为 Feature', 'must be Feature');
    const geometry = checkGeometry(f.geometry, at + '.geometry');
    if (!geometry.ok) return geometry;
    const props = isObject(f.properties) ? f.properties : {};
    let code: string | null = null;
    let codeKey: 'code' | 'adcode' = 'code';
    for (const key of ['code', 'adcode'] as const) {
      const raw = props[key];
      if (raw === undefined || raw === null || raw === '') continue;
      code = normalizeCode(raw);
      codeKey = key;
      if (!code) return fail(`${at}.properties.${key}`, `格式不正确（${String(raw)} 不是区划或单位代码）`, `has the wrong format (${String(raw)} is not a division or unit code)`);
      break;
    }
    const name = typeof props.name === 'string' && props.name.trim() ? props.name.trim() : null;
    if (!code && !name) {
      return fail(`${at}.properties.code`, '为必填项（填区划或单位代码 code / adcode，或唯一的名称 name）', 'is required (a division or unit code as code or adcode, or an unambiguous name)');
    }
    features.push({ index, code, codeKey, name, geometry: geometry.value, cp: labelPoint(props) });
  }
  return { ok: true, value: { features } };
}

export interface ReferenceNode {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface BoundaryReference {
  /** The nodes the features' codes name (missing: unknown code). */
  byCode: Map<string, ReferenceNode>;
  /** Nodes below the target whose names equal a name used by a feature without a code. */
  named: ReferenceNode[];
}

/** Each feature's node, which must lie below `target`; the collection as it is stored. */
export function resolveBoundary(parsed: ParsedBoundary, target: { code: string; name: string }, ref: BoundaryReference): Checked<BoundaryCollection> {
  const below = (code: string) => code !== target.code && childCodeUnder(target.code, code) !== null;
  const features: BoundaryCollection['features'] = [];
  for (const f of parsed.features) {
    const at = `features[${f.index}].properties`;
    let node: ReferenceNode | undefined;
    if (f.code) {
      const field = `${at}.${f.codeKey}`;
      node = ref.byCode.get(f.code);
      if (!node) return fail(field, `找不到代码 ${f.code}`, `unknown code ${f.code}`);
      if (!below(node.code)) return fail(field, `${f.code}（${node.name}）不在${target.name}的下级辖区中`, `${f.code} (${node.name}) is not below ${target.name}`);
    } else {
      const candidates = ref.named.filter((n) => n.name === f.name && below(n.code));
      const direct = candidates.filter((n) => n.parentCode === target.code);
      const pick = direct.length ? direct : candidates;
      if (pick.length === 0) return fail(at + '.name', `“${f.name}”不是${target.name}的下级辖区；请填代码 code`, `"${f.name}" is not a node below ${target.name}; give its code`);
      if (pick.length > 1) {
        return fail(at + '.name', `“${f.name}”对应多个辖区（${pick.map((n) => n.code).join('、')}），请填代码 code`, `"${f.name}" matches several nodes (${pick.map((n) => n.code).join(', ')}); give its code`);
      }
      node = pick[0];
    }
    features.push({
      type: 'Feature',
      properties: { code: node.code, name: node.name, ...(f.cp ? { cp: f.cp } : {}) },
      geometry: f.geometry,
    });
  }
  return { ok: true, value: { type: 'FeatureCollection', features } };
}
