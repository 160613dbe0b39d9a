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
    expect(checkCharacter('54010219900101003')).toBe('8');
  });

  it('accepts a lower-case x and odd sequence as male', () => {
    // Σ = 189, remainder 2: X.
    const r = parseResidentId('54010219900101029x', TODAY);
    expect(r.ok && r.value.sex).toBe('male');
  });

  it('rejects a wrong check character', () => {
    expect(parseResidentId('110105194912310021', TODAY)).toEqual({ ok: false, problem: 'checksum' });
  });

  // Check characters below worked out by hand: Σ digit × weight (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2), mod 11, into 1 0 X 9 8 7 6 5 4 3 2.
  it.each([
    ['540102199001010011', 'sum 165, remainder 0'],
    ['54010219900101002X', 'sum 167, remainder 2'],
    ['540102199001010038', 'sum 169, remainder 4'],
    ['540102198002020014', 'sum 173, remainder 8'],
    ['510104198803120047', 'sum 203, remainder 5'],
  ])('accepts %s (%s), whose first two digits differ', (n) => {
    expect(parseResidentId(n, TODAY)).toMatchObject({ ok: true, value: { number: n } });
  });

  it('rejects an X where the check character is a digit', () => {
    expect(parseResidentId('54010219900101001X', TODAY)).toEqual({ ok: false, problem: 'checksum' });
    expect(parseResidentId('54010219900101003x', TODAY)).toEqual({ ok: false, problem: 'checksum' });
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
    // Σ = 173, remainder 8: 4.
    expect(parseResidentId('540102200002290014', TODAY).ok).toBe(true);
  });

  it('rejects wrong lengths and characters', () => {
    expect(parseResidentId('5401021990010100', TODAY)).toEqual({ ok: false, problem: 'length' });
    expect(parseResidentId('54010219900101001A', TODAY)).toEqual({ ok: false, problem: 'characters' });
    expect(parseResidentId('5401021990010100X1', TODAY)).toEqual({ ok: false, problem: 'characters' });
  });
});
