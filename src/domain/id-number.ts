// GB 11643 citizen identity numbers: 6-digit division code, 8-digit birth date,
// 3-digit sequence (odd = male), and an ISO 7064 MOD 11-2 check character.
import { EARLIEST_BIRTH_DATE } from './date-bounds';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'length' | 'characters' | 'birth_date' | 'checksum';

export interface ResidentId {
  number: string;
  regionCode: string;
  birthDate: string;
  sex: 'male' | 'female';
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Parses a resident ID number; `today` bounds the birth date (YYYY-MM-DD). */
export function parseResidentId(
  input: string,
  today: string,
): { ok: true; value: ResidentId } | { ok: false; problem: IdNumberProblem } {
  const number = input.trim().toUpperCase();
  if (number.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(number)) return { ok: false, problem: 'characters' };
  const y = Number(number.slice(6, 10));
  const m = Number(number.slice(10, 12));
  const d = Number(number.slice(12, 14));
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (!isRealDate(y, m, d) || birthDate < EARLIEST_BIRTH_DATE || birthDate > today) return { ok: false, problem: 'birth_date' };
  if (checkCharacter(number.slice(0, 17)) !== number[17]) return { ok: false, problem: 'checksum' };
  return {
    ok: true,
    value: {
      number,
      regionCode: number.slice(0, 6),
      birthDate,
      sex: Number(number[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}
