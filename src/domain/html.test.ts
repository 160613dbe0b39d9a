import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html';

describe('escapeHtml', () => {
  it('turns markup into text', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(escapeHtml("拉萨 & 'Lhasa'")).toBe('拉萨 &amp; &#39;Lhasa&#39;');
    expect(escapeHtml('城关区')).toBe('城关区');
  });
});
