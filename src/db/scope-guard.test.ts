// Scope by construction: every read of a table with personal data in src/modules goes through a
// jurisdiction filter (src/db/scope.ts and the modules' scoped* helpers), or says at the site why
// it may not (`// unscoped: <why>`, e.g. a by-id read inside a write whose record was already
// checked). A query that forgets scope fails this test.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERSONAL_TABLES } from './scope';

const ROOT = join(__dirname, '..', 'modules');
const READ = new RegExp(`(selectFrom|innerJoin|leftJoin)\\('(${PERSONAL_TABLES.join('|')})'`);
const FILTER = /\b(inScope|within[A-Za-z]*|scoped[A-Za-z]*|[a-zA-Z]*InScope|requestsFor)\(/;
const MARKER = /\/\/ unscoped: \S/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** Reads of personal tables with neither a filter in their statement nor a marker just above or on the line. */
export function unscopedReads(text: string): number[] {
  const lines = text.split('\n');
  const found: number[] = [];
  lines.forEach((line, i) => {
    if (!READ.test(line)) return;
    if (MARKER.test(line) || MARKER.test(lines[i - 1] ?? '')) return;
    // The statement: a few lines before (a wrapping scoped(…) call) to the line that runs it.
    let end = i;
    while (end < lines.length - 1 && end - i < 15 && !/execute|^\s*\}?\)?;?\s*$|;\s*$/.test(lines[end])) end++;
    const statement = lines.slice(Math.max(0, i - 2), end + 1).join('\n');
    if (!FILTER.test(statement)) found.push(i + 1);
  });
  return found;
}

describe('scope by construction', () => {
  it('finds a read that forgets scope, and accepts a filtered or marked one', () => {
    expect(unscopedReads("const rows = await db.selectFrom('cases').selectAll().execute();")).toEqual([1]);
    expect(unscopedReads("const rows = await scopedCases(db.selectFrom('cases').selectAll(), scope).execute();")).toEqual([]);
    expect(unscopedReads("// unscoped: checked above\nconst rows = await db.selectFrom('cases').selectAll().execute();")).toEqual([]);
  });

  it('leaves no read of a personal table in src/modules without a jurisdiction filter or a reason', () => {
    const offenders = sources(ROOT).flatMap((path) => unscopedReads(readFileSync(path, 'utf8')).map((line) => `${path.slice(ROOT.length + 1)}:${line}`));
    expect(offenders).toEqual([]);
  });
});
