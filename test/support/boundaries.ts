// Synthetic boundary data for tests: the counties of 拉萨市 as adjacent rectangles laid out roughly
// where they lie (not real boundaries). The features name their nodes in each way a file may:
// code, numeric adcode, zero-padded 12-digit code, and a name only.

export const TILE = 0.45;
const LON0 = 90.2;
const LAT0 = 29.3;

/** A closed rectangle ring from tile (col, row) spanning `cols` × `rows` tiles. */
export function tile(col: number, row: number, cols = 1, rows = 1): number[][][] {
  const w = LON0 + col * TILE;
  const s = LAT0 + row * TILE;
  const e = w + cols * TILE;
  const n = s + rows * TILE;
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  return [[[r(w), r(s)], [r(e), r(s)], [r(e), r(n)], [r(w), r(n)], [r(w), r(s)]]];
}

/** Centre of tile (col, row): a point inside it, for clicks on the map. */
export function tileCentre(col: number, row: number): [number, number] {
  return [LON0 + (col + 0.5) * TILE, LAT0 + (row + 0.5) * TILE];
}

const polygon = (coordinates: number[][][]) => ({ type: 'Polygon', coordinates });

export function lhasaCounties() {
  return {
    type: 'FeatureCollection',
    name: '拉萨市县级区划（测试用合成数据）',
    features: [
      { type: 'Feature', properties: { name: '尼木县', adcode: 540123 }, geometry: polygon(tile(0, 0)) },
      { type: 'Feature', properties: { name: '曲水县', adcode: '540124' }, geometry: polygon(tile(1, 0)) },
      { type: 'Feature', properties: { code: '540102', name: '城关区' }, geometry: polygon(tile(2, 0)) },
      { type: 'Feature', properties: { name: '达孜区' }, geometry: polygon(tile(3, 0)) },
      { type: 'Feature', properties: { code: '540127' }, geometry: polygon(tile(4, 0)) },
      { type: 'Feature', properties: { adcode: 540103, name: '堆龙德庆区' }, geometry: polygon(tile(1, 1)) },
      { type: 'Feature', properties: { code: '540121000000', name: '林周县' }, geometry: { type: 'MultiPolygon', coordinates: [tile(2, 1), tile(3, 1)] } },
      { type: 'Feature', properties: { adcode: 540122, name: '当雄县' }, geometry: polygon(tile(1, 2, 2, 1)) },
    ],
  };
}

/** Where 城关区 is drawn in lhasaCounties(). */
export const CHENGGUAN_TILE = tileCentre(2, 0);
