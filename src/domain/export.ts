// What every export of personal data carries: who made the file and when, and the filters it was
// made with, kept in the audit record without the searched text itself.
import { localMinute } from './time';

/** The file's first line: a copy found elsewhere names who exported it and when. */
export function exportBanner(by: { displayName: string; username: string }, at: Date, timeZone: string, lang: 'zh' | 'en'): string {
  const when = `${localMinute(at, timeZone)} (${timeZone})`;
  return lang === 'zh'
    ? `导出人：${by.displayName}（${by.username}）；导出时间：${when}`
    : `Exported by ${by.displayName} (${by.username}) at ${when}`;
}

/**
 * The filters as the audit record keeps them: every value, but a free-text search (a name, a phone
 * tail or a document number) only as its keyed hash, so that the log holds no personal data yet an
 * auditor holding the key can tell whether a given person was searched for.
 */
export function auditedFilters(filters: Record<string, unknown>, hashSearch: (text: string) => string, searchKeys: readonly string[] = ['q']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    if (searchKeys.includes(key) && typeof value === 'string') out[`${key}Hash`] = hashSearch(value.trim());
    else out[key] = value;
  }
  return out;
}
