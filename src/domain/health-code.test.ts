import { describe, expect, it } from 'vitest';
import { encodeHealthCode, parseHealthCode, type HealthCodeContent } from './health-code';

const content: HealthCodeContent = {
  name: '旦增·卓玛', documentType: 'resident_id', documentNumber: '11010519491231002X', phone: '13912345678', color: 'yellow', issuedAt: '2026-11-23T01:00:00.000Z',
};

describe('the platform health-code text', () => {
  it('round-trips through an ASCII-only text with the versioned prefix', () => {
    const text = encodeHealthCode(content);
    expect(text.startsWith('FKHC1:')).toBe(true);
    expect(/^[\x21-\x7e]+$/.test(text)).toBe(true);
    expect(parseHealthCode(text)).toEqual(content);
    expect(parseHealthCode(`  ${text}\n`)).toEqual(content);
  });

  it('returns null for provincial tokens and damaged codes', () => {
    expect(parseHealthCode('https://example.invalid/hc?token=abc')).toBeNull();
    expect(parseHealthCode('FKHC1:!!!')).toBeNull();
    expect(parseHealthCode(encodeHealthCode(content).slice(0, 20))).toBeNull();
    expect(parseHealthCode(encodeHealthCode({ ...content, color: 'purple' as never }))).toBeNull();
    expect(parseHealthCode(encodeHealthCode({ ...content, documentType: 'visa' as never }))).toBeNull();
  });

  it('refuses to encode a field containing the separator', () => {
    expect(() => encodeHealthCode({ ...content, name: 'a|b' })).toThrow();
  });
});
