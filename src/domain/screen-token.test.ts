import { describe, expect, it } from 'vitest';
import { isScreenToken, lastUsedIsStale, screenMayRequest, screenTokenStatus } from './screen-token';

describe('screen tokens', () => {
  it('are told apart from login sessions by their prefix', () => {
    expect(isScreenToken('fks_abc')).toBe(true);
    expect(isScreenToken('fk_abc')).toBe(false);
    expect(isScreenToken('abc')).toBe(false);
  });

  it('may only read the dashboard, the stream, the settings and themselves', () => {
    expect(screenMayRequest('GET', '/api/dashboard/summary')).toBe(true);
    expect(screenMayRequest('HEAD', '/api/dashboard/trend')).toBe(true);
    expect(screenMayRequest('GET', '/api/stream')).toBe(true);
    expect(screenMayRequest('GET', '/api/settings')).toBe(true);
    expect(screenMayRequest('GET', '/api/boundaries/:code')).toBe(true);
    expect(screenMayRequest('PUT', '/api/boundaries/:code')).toBe(false);
    expect(screenMayRequest('GET', '/api/screen-tokens/current')).toBe(true);
    expect(screenMayRequest('POST', '/api/dashboard/summary')).toBe(false);
    expect(screenMayRequest('GET', '/api/arrivals')).toBe(false);
    expect(screenMayRequest('GET', '/api/persons/:id')).toBe(false);
    expect(screenMayRequest('GET', '/api/screen-tokens')).toBe(false);
    expect(screenMayRequest('DELETE', '/api/screen-tokens/:id')).toBe(false);
    expect(screenMayRequest('GET', '/api/auth/me')).toBe(false);
    expect(screenMayRequest('GET', undefined)).toBe(false);
  });

  it('are revoked, expired or active', () => {
    const now = new Date('2024-05-01T00:00:00Z');
    expect(screenTokenStatus({ revokedAt: null, expiresAt: null }, now)).toBe('active');
    expect(screenTokenStatus({ revokedAt: null, expiresAt: '2024-05-01T00:00:01.000Z' }, now)).toBe('active');
    expect(screenTokenStatus({ revokedAt: null, expiresAt: '2024-05-01T00:00:00.000Z' }, now)).toBe('expired');
    expect(screenTokenStatus({ revokedAt: '2024-04-01T00:00:00.000Z', expiresAt: '2024-04-02T00:00:00.000Z' }, now)).toBe('revoked');
  });

  it('record their last use at most once a minute', () => {
    const now = new Date('2024-05-01T00:01:00Z');
    expect(lastUsedIsStale(null, now)).toBe(true);
    expect(lastUsedIsStale('2024-05-01T00:00:30.000Z', now)).toBe(false);
    expect(lastUsedIsStale('2024-05-01T00:00:00.000Z', now)).toBe(true);
  });
});
