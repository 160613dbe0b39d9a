import { describe, expect, it } from 'vitest';
import { checkCharacter, parseResidentId } from './id-number';

const TODAY = '2026-11-23';

describe('GB 11643 resident ID numbers', () => {
  it('accepts a valid number and derives birth date and sex', () => {
    // 11010519491231002X is the standard's own example.
    const r = parseResidentId('11010519491231002X', TODAY);
    expect(r).toEqual({ ok: true, value: { number: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', sex: 'female' } });
  });

  it('computes the check character, including X', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('44052418800101001')).toBe('4');
  });

  it('accepts a lower-case x and odd sequence as male', () => {
    const first17 = '54010219900101001';
    const number = first17 + checkCharacter(first17);
    const r = parseResidentId(number.toLowerCase(), TODAY);
    expect(r.ok && r.value.sex).toBe('male');
  });

  it('rejects a wrong check character', () => {
    expect(parseResidentId('110105194912310021', TODAY)).toEqual({ ok: false, problem: 'checksum' });
  });

  it.each([
    ['540102199002300012', 'February 30th'],
    ['540102199013010012', 'month 13'],
    ['540102190002290012', '1900 was not a leap year'],
    ['540102203001010012', 'born in the future'],
    ['540102170001010012', 'before 1900'],
    ['540102189912310012', 'before 1900'],
  ])('rejects the impossible birth date in %s (%s)', (n) => {
    expect(parseResidentId(n, TODAY)).toEqual({ ok: false, problem: 'birth_date' });
  });

  it('accepts 29 February in a leap year', () => {
    const first17 = '54010220000229001';
    expect(parseResidentId(first17 + checkCharacter(first17), TODAY).ok).toBe(true);
  });

  it('rejects wrong lengths and characters', () => {
    expect(parseResidentId('5401021990010100', TODAY)).toEqual({ ok: false, problem: 'length' });
    expect(parseResidentId('54010219900101001A', TODAY)).toEqual({ ok: false, problem: 'characters' });
    expect(parseResidentId('5401021990010100X1', TODAY)).toEqual({ ok: false, problem: 'characters' });
  });
});
