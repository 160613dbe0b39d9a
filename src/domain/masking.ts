// How personal identifiers are shown to a caller without the reveal permission.

/** 540102199001011234 -> 540102********1234; short documents keep their first and last two. */
export function maskDocumentNumber(value: string): string {
  if (value.length >= 15) return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
  if (value.length <= 4) return '*'.repeat(value.length);
  return value.slice(0, 2) + '*'.repeat(value.length - 4) + value.slice(-2);
}

/** 13912345678 -> 139****5678 */
export function maskPhone(value: string): string {
  if (value.length < 7) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}

export function phoneTail(value: string): string {
  return value.slice(-4);
}
