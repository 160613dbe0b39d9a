import { describe, expect, it } from 'vitest';
import { normaliseText } from './text';

describe('normaliseText', () => {
  it('leaves plain text alone', () => {
    expect(normaliseText('次旦卓玛')).toBe('次旦卓玛');
    expect(normaliseText('Room 301')).toBe('Room 301');
  });

  it('trims ordinary and ideographic spaces, leaving nothing of a blank', () => {
    expect(normaliseText('   ')).toBe('');
    expect(normaliseText('\u3000')).toBe('');
    expect(normaliseText('\u3000 扎西 \u3000\t\n')).toBe('扎西');
    expect(normaliseText('\u00A0扎西\u2003')).toBe('扎西');
  });

  it('composes to NFC', () => {
    const decomposed = 'Jose\u0301';
    expect(normaliseText(decomposed)).toBe('Jos\u00E9');
    expect(normaliseText(decomposed)).toHaveLength(4);
  });

  it('removes control characters but keeps line feeds and tabs inside', () => {
    expect(normaliseText('扎\u0000西\u0007')).toBe('扎西');
    expect(normaliseText('a\u007Fb\u0085c')).toBe('abc');
    expect(normaliseText('第一行\r\n第二行\r第三行\tx')).toBe('第一行\n第二行\n第三行\tx');
  });

  it('removes bidirectional controls that would make text read otherwise', () => {
    expect(normaliseText('invoice\u202Egpj.exe')).toBe('invoicegpj.exe');
    expect(normaliseText('\u2066扎西\u2069\u200F')).toBe('扎西');
  });

  it('removes zero-width characters, so an invisible name is empty', () => {
    expect(normaliseText('\u200B')).toBe('');
    expect(normaliseText('扎\u200B西\u200D\uFEFF\u2060')).toBe('扎西');
    expect(normaliseText('\u200B \u3000\u200C')).toBe('');
  });

  it('keeps Tibetan text whole', () => {
    expect(normaliseText(' བཀྲ་ཤིས་བདེ་ལེགས། ')).toBe('བཀྲ་ཤིས་བདེ་ལེགས།');
  });
});
