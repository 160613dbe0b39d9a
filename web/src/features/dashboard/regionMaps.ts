// Schematic boundary maps, bundled at build time (nothing is fetched at run time): the Apache-2.0
// boundary data that shipped with Apache ECharts 4.9.0 (npm alias `echarts4`). Its feature names
// are partly out of date, so every feature is keyed by today's division code with the table below,
// and pieces of one city are merged into a single region.
import xizang from 'echarts4/map/json/province/xizang.json';
import { echarts } from '../../components/echarts';

export const MAP_SOURCE = 'Apache ECharts 4.9.0 地图数据';

/** Boundary feature name (as in the ECharts 4.9.0 data) -> division code of today. */
export const XIZANG_CITY_CODES: Record<string, string> = {
  拉萨市: '5401',
  日喀则市: '5402',
  昌都市: '5403',
  林芝市: '5404',
  山南市: '5405',
  那曲地区: '5406', // today 那曲市
  那曲市: '5406',
  阿里地区: '5425',
};

interface Feature {
  type: 'Feature';
  id?: string;
  properties: { name: string; cp?: number[]; [k: string]: unknown };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] };
}
interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

/** Features renamed to their division code; several pieces with one code become one MultiPolygon. */
export function keyByCode(source: FeatureCollection, codes: Record<string, string>): FeatureCollection {
  const byCode = new Map<string, Feature>();
  for (const f of source.features) {
    const code = codes[f.properties.name];
    if (!code) continue;
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const nonEmpty = polygons.filter((p) => Array.isArray(p) && p.length > 0);
    const seen = byCode.get(code);
    if (seen) {
      seen.geometry.coordinates.push(...nonEmpty);
      if (!seen.properties.cp && f.properties.cp) seen.properties.cp = f.properties.cp;
    } else {
      byCode.set(code, {
        type: 'Feature',
        id: code,
        properties: { name: code, cp: f.properties.cp },
        geometry: { type: 'MultiPolygon', coordinates: [...nonEmpty] },
      });
    }
  }
  return { type: 'FeatureCollection', features: [...byCode.values()] };
}

const MAPS: Record<string, () => FeatureCollection> = {
  '54': () => keyByCode(xizang as unknown as FeatureCollection, XIZANG_CITY_CODES),
};

const registered = new Set<string>();

/** The map name to use for the children of `code`, or null when there is no boundary data for it. */
export function mapFor(code: string): string | null {
  const build = MAPS[code];
  if (!build) return null;
  const name = 'fk-' + code;
  if (!registered.has(name)) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    echarts.registerMap(name, build() as any);
    registered.add(name);
  }
  return name;
}

/** Division codes the map of `code` has regions for. */
export function mapRegions(code: string): string[] {
  return code === '54' ? [...new Set(Object.values(XIZANG_CITY_CODES))] : [];
}
