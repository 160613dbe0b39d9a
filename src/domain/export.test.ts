import { describe, expect, it } from 'vitest';
import { auditedFilters, exportBanner } from './export';

describe('exportBanner', () => {
  const by = { displayName: '城关区管理员', username: 'cg_admin' };
  const at = new Date('2026-03-01T02:05:00Z');
  it('names who exported and when, in local time with its zone', () => {
    expect(exportBanner(by, at, 'Asia/Shanghai', 'zh')).toBe('导出人：城关区管理员（cg_admin）；导出时间：2026-03-01 10:05 (Asia/Shanghai)');
    expect(exportBanner(by, at, 'Asia/Shanghai', 'en')).toBe('Exported by 城关区管理员 (cg_admin) at 2026-03-01 10:05 (Asia/Shanghai)');
  });
});

describe('auditedFilters', () => {
  const hash = (s: string) => `h(${s})`;
  it('keeps filter values but only a hash of the searched text', () => {
    expect(auditedFilters({ from: '2026-03-01', abnormal: true, q: ' 扎西 ', stage: undefined }, hash)).toEqual({ from: '2026-03-01', abnormal: true, qHash: 'h(扎西)' });
  });
  it('keeps nothing for no filters', () => {
    expect(auditedFilters({}, hash)).toEqual({});
  });
});
