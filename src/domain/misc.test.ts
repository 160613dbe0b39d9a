import { describe, expect, it } from 'vitest';
import { maskDocumentNumber, maskPhone } from './masking';
import { dayRange, localMinute, reportDay } from './time';
import { ancestorCodes } from './division-code';
import { countSince, failureDelayMs, isShutOut, locksOut } from './login-throttle';

describe('masking', () => {
  it('masks ID numbers and phones as staff expect to see them', () => {
    expect(maskDocumentNumber('54010219900101123X')).toBe('540102********123X');
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskDocumentNumber('E1234567')).toBe('E1****67');
  });
  it('masks phones longer than 11 digits too, keeping only the first three and last four', () => {
    expect(maskPhone('4915112345678')).toBe('491******5678');
    expect(maskPhone('+8613912345678')).toBe('+86*******5678');
    expect(maskPhone('12345678901234567890')).toBe('123*************7890');
  });
});

describe('report days in Asia/Shanghai', () => {
  it('puts 16:00 UTC into the next Beijing day', () => {
    expect(reportDay('2026-08-20T15:59:59Z', 'Asia/Shanghai')).toBe('2026-08-20');
    expect(reportDay('2026-08-20T16:00:00Z', 'Asia/Shanghai')).toBe('2026-08-21');
  });
  it('runs a day from 0时 to 24时 Beijing time', () => {
    expect(dayRange('2026-08-21', 'Asia/Shanghai')).toEqual({ from: '2026-08-20T16:00:00.000Z', to: '2026-08-21T16:00:00.000Z' });
    expect(dayRange('2026-08-21', 'UTC')).toEqual({ from: '2026-08-21T00:00:00.000Z', to: '2026-08-22T00:00:00.000Z' });
  });
  it('writes local minutes per zone, the same for every instant of a minute', () => {
    expect(localMinute('2026-08-20T15:59:00.000Z', 'Asia/Shanghai')).toBe('2026-08-20 23:59');
    expect(localMinute('2026-08-20T15:59:59.999Z', 'Asia/Shanghai')).toBe('2026-08-20 23:59');
    expect(localMinute(new Date('2026-08-20T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-08-21 00:00');
    expect(localMinute('2026-08-20T15:59:30Z', 'UTC')).toBe('2026-08-20 15:59');
  });
  it('writes any stored instant as a well-formed minute, however absurd its year', () => {
    expect(localMinute('0001-01-01T00:00:00Z', 'UTC')).toBe('0001-01-01 00:00');
    expect(localMinute('0099-06-30T12:00:00Z', 'UTC')).toBe('0099-06-30 12:00');
    expect(reportDay('0001-01-01T00:00:00Z', 'Asia/Shanghai')).toBe('0001-01-01');
    expect(reportDay('0000-12-30T00:00:00Z', 'Asia/Shanghai')).toBe('0001-01-01');
    expect(reportDay('9999-12-31T23:00:00Z', 'Asia/Shanghai')).toBe('9999-12-31');
    expect(localMinute('infinity', 'UTC')).toBe('9999-12-31 23:59');
    expect(dayRange('0001-01-01', 'UTC')).toEqual({ from: '0001-01-01T00:00:00.000Z', to: '0001-01-02T00:00:00.000Z' });
  });
});

describe('division codes', () => {
  it('lists ancestors of communities and management units', () => {
    expect(ancestorCodes('540102002001')).toEqual(['54', '5401', '540102', '540102002']);
    expect(ancestorCodes('540102U001')).toEqual(['54', '5401', '540102']);
    expect(ancestorCodes('540102U001U002')).toEqual(['54', '5401', '540102', '540102U001']);
  });
});

describe('login throttling', () => {
  it('slows after a few failures and locks after more', () => {
    expect(failureDelayMs(3)).toBe(0);
    expect(failureDelayMs(4)).toBe(500);
    expect(failureDelayMs(20)).toBe(3000);
    const now = new Date('2026-11-23T00:00:00Z');
    expect(locksOut(7)).toBe(false);
    expect(locksOut(8)).toBe(true);
    expect(isShutOut(8)).toBe(false);
    expect(isShutOut(9)).toBe(true);
    expect(countSince(now)).toBe('2026-11-22T23:45:00.000Z');
  });
});
