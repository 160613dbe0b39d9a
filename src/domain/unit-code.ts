// Codes of management units: the parent's code + 'U' + 3 digits (540102U001,
// 540102U001U001), so a unit stays inside its parent's prefix subtree.

const DIGITS = 3;
const MAX = 10 ** DIGITS - 1;

/** True when `code` is a management unit directly below `parentCode`. */
export function isChildUnitCode(parentCode: string, code: string): boolean {
  return code.length === parentCode.length + 1 + DIGITS
    && code.startsWith(parentCode + 'U')
    && /^\d+$/.test(code.slice(parentCode.length + 1));
}

/**
 * The next free unit code below `parentCode`: one past the highest existing
 * child unit (gaps left by deleted units are not reused), or null when all are taken.
 * Codes of other nodes among `existingCodes` are ignored.
 */
export function nextUnitCode(parentCode: string, existingCodes: readonly string[]): string | null {
  const used = existingCodes
    .filter((c) => isChildUnitCode(parentCode, c))
    .map((c) => Number(c.slice(parentCode.length + 1)));
  const next = used.length ? Math.max(...used) + 1 : 1;
  return next > MAX ? null : `${parentCode}U${String(next).padStart(DIGITS, '0')}`;
}
