// Synthetic people and arrivals spread over the region's real division codes.
import { randomUUID } from 'node:crypto';
import { checkCharacter } from '../src/domain/id-number';
import { divisionsFor, type Division } from '../src/db/reference/divisions';

export interface Rng { (): number }

/** A small deterministic generator (mulberry32), so runs are comparable. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const SURNAMES = ['扎西', '次仁', '卓玛', '格桑', '旦增', '尼玛', '达瓦', '拉姆', '央金', '王', '李', '张', '刘', '陈', '杨', '赵'];
const GIVEN = ['', '平措', '多吉', '曲珍', '德吉', '伟', '芳', '娜', '强', '敏', '静', '磊', '洋'];

export function residentIdFor(r: Rng, regionCode: string, index: number): string {
  const y = 1950 + Math.floor(r() * 55);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  const first17 = regionCode.slice(0, 6) + String(y) + String(m).padStart(2, '0') + String(d).padStart(2, '0') + String(index % 1000).padStart(3, '0');
  return first17 + checkCharacter(first17);
}

export interface Geography {
  communities: Division[];
  origins: Division[];
}

export async function geography(region = '54'): Promise<Geography> {
  const all = await divisionsFor(region);
  return {
    communities: all.filter((d) => d.level === 'community'),
    origins: all.filter((d) => d.level === 'city' && !d.code.startsWith(region)),
  };
}

/** Registration bodies with distinct people, as the triage desk sends them. */
export function arrivalBodies(count: number, geo: Geography, entryPointIds: string[], seed = 1) {
  const r = rng(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const community = pick(r, geo.communities);
    out.push({
      clientId: randomUUID(),
      person: {
        documentType: 'resident_id',
        // A distinct district prefix per 1000 people keeps every number unique.
        documentNumber: residentIdFor(r, String(110101 + Math.floor(i / 1000)), i),
        name: pick(r, SURNAMES) + pick(r, GIVEN),
        phone: '13' + String(Math.floor(r() * 1e9)).padStart(9, '0'),
      },
      entryPointId: pick(r, entryPointIds),
      transport: { mode: r() < 0.6 ? 'flight' : 'train', number: 'TV' + Math.floor(r() * 9000 + 1000) },
      arrivedAt: new Date().toISOString(),
      originCode: pick(r, geo.origins).code,
      visited: [],
      contactWithAffected: r() < 0.02,
      healthCode: { color: r() < 0.95 ? 'green' : r() < 0.8 ? 'yellow' : 'red' },
      temperature: Math.round((36 + r() * 1.4) * 10) / 10,
      symptoms: r() < 0.01 ? ['cough'] : [],
      destination: { code: community.code, address: `${community.name}${Math.floor(r() * 200)}号`, compound: r() < 0.5 ? `小区${Math.floor(r() * 50)}` : undefined },
    });
  }
  return out;
}
