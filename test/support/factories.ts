import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../src/server/context';

let seq = 0;

/**
 * The ISO 7064 MOD 11-2 check character by the standard's recursive definition, not the weight
 * table of `src/domain/id-number.ts`: a slip there makes every number built here fail to register.
 * Checked by hand: 54010219900101001 → 1, 11010519491231002 → X.
 */
function isoCheckCharacter(first17: string): string {
  let p = 0;
  for (const digit of first17) p = ((p + Number(digit)) * 2) % 11;
  const check = (12 - p) % 11;
  return check === 10 ? 'X' : String(check);
}

/** A valid resident ID number for a person born on `birth` (YYYYMMDD) in Lhasa's 城关区. */
export function residentId(birth = '19900101', region = '540102'): string {
  seq = (seq + 1) % 1000;
  const first17 = region + birth + String(seq).padStart(3, '0');
  return first17 + isoCheckCharacter(first17);
}

export async function entryPointId(ctx: Ctx, name = '拉萨贡嘎国际机场'): Promise<string> {
  const row = await ctx.db.selectFrom('entry_points').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return row.id;
}

export const BAKUO_COMMUNITY = '540102002001'; // 八廓街道 绕赛社区居委会
export const JIRI_COMMUNITY = '540102003001'; // 吉日街道, first community

/** A case report (POST /api/cases) found in 八廓 two hours ago, for 扎西 born 1990-01-01. */
export function buildCase(overrides: Record<string, unknown> = {}) {
  return {
    clientId: randomUUID(),
    person: { documentType: 'resident_id', documentNumber: residentId('19900101'), name: '扎西', phone: '13912345678' },
    communityCode: BAKUO_COMMUNITY,
    classification: 'asymptomatic',
    origin: 'local',
    foundBy: 'community_screening',
    jurisdictionCode: '540102',
    firstPositiveAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
    reportingUnit: '拉萨市疾控中心',
    ...overrides,
  };
}

export function buildArrival(entryPoint: string, overrides: Record<string, unknown> = {}) {
  return {
    clientId: randomUUID(),
    person: { documentType: 'resident_id', documentNumber: residentId(), name: '扎西', phone: '13912345678' },
    entryPointId: entryPoint,
    transport: { mode: 'flight', number: 'TV9872' },
    arrivedAt: new Date().toISOString(),
    originCode: '5101',
    visited: [],
    contactWithAffected: false,
    healthCode: { color: 'green' },
    temperature: 36.5,
    symptoms: [],
    destination: { code: BAKUO_COMMUNITY, address: '北京东路12号', compound: '雪新村小区' },
    ...overrides,
  };
}
