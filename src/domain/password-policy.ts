// 等保2.0 password complexity: long enough, and mixing at least three kinds of character.

export const PASSWORD_POLICY = { minLength: 10, minClasses: 3 };

const CLASSES: RegExp[] = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}\s]/u];

export interface PasswordProblem {
  zh: string;
  en: string;
}

/** Why a password may not be set, or null when it satisfies the policy. */
export function passwordProblem(password: string, p = PASSWORD_POLICY): PasswordProblem | null {
  const length = [...password].length;
  const classes = CLASSES.filter((re) => re.test(password)).length;
  if (length >= p.minLength && classes >= p.minClasses) return null;
  return {
    zh: `至少 ${p.minLength} 位，且须包含小写字母、大写字母、数字、符号中的至少 ${p.minClasses} 类`,
    en: `must be at least ${p.minLength} characters and mix at least ${p.minClasses} of: lower-case letters, upper-case letters, digits, symbols`,
  };
}
