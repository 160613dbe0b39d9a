// Division codes are prefix codes: 54 > 5401 > 540102 > 540102002 > 540102002001.
// Management units append U + 3 digits to their parent's code (540102U001).

const DIVISION_LENGTHS = [2, 4, 6, 9, 12];

/** Codes of every ancestor of `code`, from the province down, excluding `code` itself. */
export function ancestorCodes(code: string): string[] {
  const u = code.lastIndexOf('U');
  if (u > 0) {
    const parent = code.slice(0, u);
    return [...ancestorCodes(parent), parent];
  }
  return DIVISION_LENGTHS.filter((n) => n < code.length).map((n) => code.slice(0, n));
}

/** The district (county-level) code a node lies in, or null above district level. */
export function districtOf(code: string): string | null {
  return code.length >= 6 ? code.slice(0, 6) : null;
}

/** The bytewise upper bound of a code's subtree: the subtree is the range [code, code + '~'). */
export function subtreeUpperBound(code: string): string {
  return code + '~';
}

/** The code is the scope itself or lies below it. */
export function isWithin(code: string | null | undefined, scopeCode: string): boolean {
  return !!code && code >= scopeCode && code < subtreeUpperBound(scopeCode);
}
