import { describe, expect, it } from 'vitest';
import { canonicalDivisionCode, cityOf, countyOf, DIVISION_CODE } from './division-code';

describe('canonicalDivisionCode', () => {
  it('reads GB/T 2260 six-digit codes as the stored form', () => {
    expect(canonicalDivisionCode('510100')).toBe('5101');
    expect(canonicalDivisionCode('540000')).toBe('54');
    expect(canonicalDivisionCode('540102')).toBe('540102');
  });

  it('reads statistical twelve-digit codes as the stored form', () => {
    expect(canonicalDivisionCode('510100000000')).toBe('5101');
    expect(canonicalDivisionCode('540000000000')).toBe('54');
    expect(canonicalDivisionCode('540102000000')).toBe('540102');
    expect(canonicalDivisionCode('540102002000')).toBe('540102002');
    expect(canonicalDivisionCode('540102002001')).toBe('540102002001');
    expect(canonicalDivisionCode('540102002010')).toBe('540102002010');
  });

  it('leaves stored forms and unit codes as they are', () => {
    for (const code of ['54', '5401', '540102002', '5401U001', '540102U001U002', '540100U001']) expect(canonicalDivisionCode(code)).toBe(code);
  });
});

describe('DIVISION_CODE', () => {
  it('takes division and unit codes, nothing else', () => {
    for (const code of ['54', '510100', '510100000000', '540102U001', '5401U001U002']) expect(DIVISION_CODE.test(code), code).toBe(true);
    for (const code of ['', 'HK', '5401u001', '5401U01', 'U001', '54 01']) expect(DIVISION_CODE.test(code), code).toBe(false);
  });
});

describe('countyOf and cityOf', () => {
  it('give the county or city a node lies in', () => {
    expect(countyOf('540102002001')).toBe('540102');
    expect(countyOf('540102U001')).toBe('540102');
    expect(cityOf('540102U001')).toBe('5401');
  });

  it('let a unit hanging above that level stand for itself, never a cut code', () => {
    expect(countyOf('5401U001')).toBe('5401U001');
    expect(countyOf('54U001U002')).toBe('54U001');
    expect(cityOf('54U001')).toBe('54U001');
  });
});
