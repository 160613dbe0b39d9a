// Writing CSV that spreadsheet programs open as data, never as formulas.

/**
 * One CSV cell. Text that begins with = + - @, a TAB or a CR would be taken for a formula by
 * Excel, WPS or LibreOffice: a leading apostrophe makes it text. Numbers are written as they are.
 */
export function csvCell(value: string | number): string {
  const s = String(value);
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV line with its CRLF ending. */
export function csvLine(cells: (string | number)[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}
