import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES } from './errors';

describe('error codes', () => {
  it('are only the declared ones: a misspelt code does not compile', () => {
    // @ts-expect-error 'not_fuond' is no error code (tsc fails here if it ever becomes one, or if any string is taken)
    const typo = () => new AppError('not_fuond');
    expect(typo).toThrow();
    expect(ERROR_CODES).toContain('not_found');
  });

  it('take their status and message from the module that declares them', () => {
    const e = new AppError('site_full', { place: '一号酒店', capacity: '10', occupied: '10' });
    expect(e.status).toBe(409);
    expect(e.toJSON('en')).toEqual({ code: 'site_full', message: '一号酒店 is full (10 of 10 beds taken); an override needs a reason' });
  });
});
