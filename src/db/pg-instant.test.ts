import { describe, expect, it } from 'vitest';
import { pgInstant } from './pg-instant';

describe('pgInstant', () => {
  it('reads ordinary instants as ISO-8601 UTC', () => {
    expect(pgInstant('2022-08-20 12:00:00+08')).toBe('2022-08-20T04:00:00.000Z');
    expect(pgInstant('2022-08-20 04:00:00.123456+00')).toBe('2022-08-20T04:00:00.123Z');
    expect(pgInstant('2022-08-20 01:30:00-05:30')).toBe('2022-08-20T07:00:00.000Z');
    expect(pgInstant('2022-08-20 04:00:00')).toBe('2022-08-20T04:00:00.000Z');
  });

  it('reads years before 1000 without taking them for this century', () => {
    expect(pgInstant('0001-01-01 00:00:00+00')).toBe('0001-01-01T00:00:00.000Z');
    expect(pgInstant('0001-01-01 08:05:43+08:05:43')).toBe('0001-01-01T00:00:00.000Z');
    expect(pgInstant('0099-06-30 00:00:00+00')).toBe('0099-06-30T00:00:00.000Z');
  });

  it('reads years past 9999, BC and infinity without failing', () => {
    expect(pgInstant('10000-01-01 00:00:00+00')).toBe('+010000-01-01T00:00:00.000Z');
    expect(pgInstant('0001-01-01 00:00:00+00 BC')).toBe('0000-01-01T00:00:00.000Z');
    expect(pgInstant('infinity')).toBe('infinity');
    expect(pgInstant('-infinity')).toBe('-infinity');
  });
});
