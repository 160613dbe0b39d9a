// Division codes are prefix codes: 54 > 5401 > 540102 > 540102002 > 540102002001.
// Management units append U + 3 digits to their parent's code (540102U001).

/** How many digits a code has at each level: province, city, county, town, community. */
export const DIVISION_LENGTHS = [2, 4, 6, 9, 12];

/** The form of a code as input and as stored: digits, then U and three digits per management unit level. */
export const DIVISION_CODE_PATTERN = '^[0-9]+(U[0-9]{3})*$';
export const DIVISION_CODE = new RegExp(DIVISION_CODE_PATTERN);

/**
 * The stored form of a code given in one of the official fixed-length forms, which pad a higher level with
 * zeros: GB/T 2260's six digits (510100 is the city 5101, 540000 the province 54) and the statistical
 * twelve digits (510100000000 is 5101, 540102002000 the town 540102002). Any other code comes back as it is.
 * No real code ends in such padding: 00 and 000 stand for the level above.
 */
export function canonicalDivisionCode(code: string): string {
  let c = code;
  if (/^\d{12}$/.test(c)) {
    if (c.endsWith('000')) c = c.slice(0, 9);
    if (c.length === 9 && c.endsWith('000')) c = c.slice(0, 6);
  }
  if (/^\d{6}$/.test(c)) {
    if (c.endsWith('00')) c = c.slice(0, 4);
    if (c.length === 4 && c.endsWith('00')) c = c.slice(0, 2);
  }
  return c;
}

/** Codes of every ancestor of `code`, from the province down, excluding `code` itself. */
export function ancestorCodes(code: string): string[] {
  const u = code.lastIndexOf('U');
  if (u > 0) {
    const parent = code.slice(0, u);
    return [...ancestorCodes(parent), parent];
  }
  return DIVISION_LENGTHS.filter((n) => n < code.length).map((n) => code.slice(0, n));
}

/** The ancestor-or-self of `code` at most `length` characters deep; a unit hanging above that depth stands for itself. */
export function prefixAt(code: string, length: number): string {
  const u = code.indexOf('U');
  return u >= 0 && u < length ? code.slice(0, u + 4) : code.slice(0, length);
}

/** The county (district) a node lies in; a unit hanging above county level stands for itself. */
export const countyOf = (code: string) => prefixAt(code, 6);
/** The city a node lies in; a unit hanging above city level stands for itself. */
export const cityOf = (code: string) => prefixAt(code, 4);

/** The bytewise upper bound of a code's subtree: the subtree is the range [code, code + '~'). */
export function subtreeUpperBound(code: string): string {
  return code + '~';
}

/** The code is the scope itself or lies below it. */
export function isWithin(code: string | null | undefined, scopeCode: string): boolean {
  return !!code && code >= scopeCode && code < subtreeUpperBound(scopeCode);
}
