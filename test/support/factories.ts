import { randomUUID } from 'node:crypto';
import { checkCharacter } from '../../src/domain/id-number';
import type { Ctx } from '../../src/server/context';

let seq = 0;

/** A valid resident ID number for a person born on `birth` (YYYYMMDD) in Lhasa's 城关区. */
export function residentId(birth = '19900101', region = '540102'): string {
  seq = (seq + 1) % 1000;
  const first17 = region + birth + String(seq).padStart(3, '0');
  return first17 + checkCharacter(first17);
}

export async function entryPointId(ctx: Ctx, name = '拉萨贡嘎国际机场'): Promise<string> {
  const row = await ctx.db.selectFrom('entry_points').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return row.id;
}

export const BAKUO_COMMUNITY = '540102002001'; // 八廓街道 绕赛社区居委会
export const JIRI_COMMUNITY = '540102003001'; // 吉日街道, first community

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
