import { describe, expect, it } from 'vitest';
import { isChildUnitCode, nextUnitCode } from './unit-code';

describe('nextUnitCode', () => {
  it('starts at U001 below a division', () => {
    expect(nextUnitCode('540102', [])).toBe('540102U001');
  });

  it('follows the highest existing child unit', () => {
    expect(nextUnitCode('540102', ['540102U001'])).toBe('540102U002');
    expect(nextUnitCode('540102', ['540102U003', '540102U001'])).toBe('540102U004');
  });

  it('ignores divisions, grandchildren and units of other parents', () => {
    const existing = ['540102002', '540102U001U007', '540103U009', '5401U005', '540102U01'];
    expect(nextUnitCode('540102', existing)).toBe('540102U001');
  });

  it('nests below a unit', () => {
    expect(nextUnitCode('540102U001', ['540102U001', '540102U002'])).toBe('540102U001U001');
    expect(nextUnitCode('540102U001', ['540102U001U001'])).toBe('540102U001U002');
  });

  it('carries into the next decade and hundred', () => {
    expect(nextUnitCode('5401', ['5401U009'])).toBe('5401U010');
    expect(nextUnitCode('5401', ['5401U099'])).toBe('5401U100');
  });

  it('returns null when all 999 codes are taken', () => {
    expect(nextUnitCode('5401', ['5401U999'])).toBeNull();
  });
});

describe('isChildUnitCode', () => {
  it('accepts only a direct child unit', () => {
    expect(isChildUnitCode('540102', '540102U001')).toBe(true);
    expect(isChildUnitCode('540102', '540102U001U001')).toBe(false);
    expect(isChildUnitCode('540102', '540102002')).toBe(false);
    expect(isChildUnitCode('540102', '540102UABC')).toBe(false);
  });
});
