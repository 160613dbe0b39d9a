// PostgreSQL's text form of timestamptz/timestamp, read as ISO-8601 UTC (the form SQLite stores).
// Any value PostgreSQL holds must read back: years before 1000 or after 9999, BC, infinity, and
// offsets with seconds (a zone's local mean time before standard time, +08:05:43 in Shanghai),
// which JavaScript's Date parser misreads or refuses.

const TEXT = /^(\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([+-])(\d{2})(?::(\d{2}))?(?::(\d{2}))?)?( BC)?$/;

/** timestamptz carries an offset; timestamp, without one, is taken as UTC. */
export function pgInstant(text: string): string {
  if (text === 'infinity' || text === '-infinity') return text;
  const m = TEXT.exec(text);
  if (!m) return text;
  const [, y, mo, d, h, mi, s, frac, sign, oh, om, os, bc] = m;
  const year = bc ? 1 - Number(y) : Number(y);
  const date = new Date(0);
  date.setUTCFullYear(year, Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), frac ? Math.floor(Number(frac) * 1000) : 0);
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0)) * 1000 : 0;
  const t = date.getTime() - offset;
  return Number.isFinite(t) && Math.abs(t) <= 8.64e15 ? new Date(t).toISOString() : text;
}
