import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it('accepts ten characters of three classes or more', () => {
    expect(passwordProblem('abcdefgH12')).toBeNull();
    expect(passwordProblem('abcdefgh1!')).toBeNull();
    expect(passwordProblem('ABCDEFGH1!')).toBeNull();
    expect(passwordProblem('Abcdefgh1!')).toBeNull();
    expect(passwordProblem('防控平台密码Ab12')).toBeNull();
  });

  it('refuses fewer than ten characters, however mixed', () => {
    expect(passwordProblem('Abcdef1!x')).not.toBeNull();
    expect(passwordProblem('')).not.toBeNull();
  });

  it('refuses two classes or fewer, however long', () => {
    expect(passwordProblem('abcdefghijklmnop')).not.toBeNull();
    expect(passwordProblem('abcdefgh12345')).not.toBeNull();
    expect(passwordProblem('password-triage_desk')).not.toBeNull();
    expect(passwordProblem('ABCDEFGH!!!!')).not.toBeNull();
    expect(passwordProblem('abc def ghi jkl')).not.toBeNull();
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblem('Aa1😀😀😀😀😀😀😀')).toBeNull();
    expect(passwordProblem('Aa1😀😀😀😀😀😀')).not.toBeNull();
  });

  it('says what is required in both languages', () => {
    expect(passwordProblem('short')).toEqual({
      zh: '至少 10 位，且须包含小写字母、大写字母、数字、符号中的至少 3 类',
      en: 'must be at least 10 characters and mix at least 3 of: lower-case letters, upper-case letters, digits, symbols',
    });
  });
});
