// Module boundaries by construction: a module reaches another only through that module's
// index.ts, and only a repository (repository.ts or a file under repository/) builds SQL.
// Services pass a Kysely handle or transaction along; they never build or run a query.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

const IMPORT = /(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'/g;

/** Imports of another module's files other than its index (paths relative to src/modules). */
export function foreignImports(file: string, text: string): string[] {
  const own = relative(ROOT, file).split(sep)[0];
  const found: string[] = [];
  for (const [, , spec] of text.matchAll(IMPORT)) {
    if (!spec.startsWith('.')) continue;
    const target = relative(ROOT, resolve(dirname(file), spec));
    const parts = target.split(sep);
    if (target.startsWith('..') || parts.length === 1 || parts[0] === own) continue;
    if (parts.length === 2 && (parts[1] === 'index' || parts[1] === 'index.ts')) continue;
    found.push(target);
  }
  return found;
}

/** Types a service may name to pass a handle along; everything else from Kysely builds queries. */
const HANDLES = new Set(['Kysely', 'Transaction']);
const BUILDS = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|with|where|whereRef|having|orderBy|groupBy|execute|executeTakeFirst|executeTakeFirstOrThrow)\(/;

/** Lines of a file outside a repository that build or run SQL, or import Kysely's query builders. */
export function queryLines(text: string): number[] {
  const found: number[] = [];
  for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'kysely'/g)) {
    const names = m[2].split(',').map((n) => n.trim().replace(/^type\s+/, '')).filter(Boolean);
    if (!m[1] || names.some((n) => !HANDLES.has(n))) found.push(text.slice(0, m.index).split('\n').length);
  }
  for (const m of text.matchAll(/import\s+(?!type\b)[^;{]*from\s+'kysely'/g)) found.push(text.slice(0, m.index).split('\n').length);
  text.split('\n').forEach((line, i) => {
    // Running a callback in a transaction builds no SQL: the statements are the repository's.
    if (BUILDS.test(line.replace(/\/\/.*$/, '').replace(/\.transaction\(\)\.execute\(/g, ''))) found.push(i + 1);
  });
  return [...new Set(found)].sort((a, b) => a - b);
}

const isRepository = (file: string) => /(^|\/)repository(\.ts$|\/)/.test(relative(ROOT, file).split(sep).join('/'));

describe('module surface', () => {
  it('tells an index import from an import of another module’s internals', () => {
    const file = join(ROOT, 'arrivals', 'service.ts');
    expect(foreignImports(file, "import { openObservation } from '../observations/index';")).toEqual([]);
    expect(foreignImports(file, "import { openObservation } from '../observations';")).toEqual([]);
    expect(foreignImports(file, "import { checkDocument } from './documents';")).toEqual([]);
    expect(foreignImports(file, "import { openObservation } from '../observations/service';")).toEqual([join('observations', 'service')]);
    expect(foreignImports(file, "import type { Row } from '../persons/repository/rows';")).toEqual([join('persons', 'repository', 'rows')]);
  });

  it('tells a passed-along handle from SQL built outside a repository', () => {
    expect(queryLines("import type { Transaction } from 'kysely';\nawait repo.save(trx, row);")).toEqual([]);
    expect(queryLines("import { sql } from 'kysely';")).toEqual([1]);
    expect(queryLines("import type { ExpressionBuilder } from 'kysely';")).toEqual([1]);
    expect(queryLines("const x = 1;\nawait ctx.db.selectFrom('cases').selectAll().execute();")).toEqual([2]);
    expect(queryLines("await trx.updateTable('contacts').set({ unit_code: u }).where('id', '=', id).execute();")).toEqual([1]);
    expect(queryLines('await ctx.db.transaction().execute(async (trx) => repo.save(trx, row));')).toEqual([]);
  });

  it('has every module import another only through its index', () => {
    const offenders = sources(ROOT).flatMap((file) => foreignImports(file, readFileSync(file, 'utf8')).map((t) => `${relative(ROOT, file)} -> ${t}`));
    expect(offenders).toEqual([]);
  });

  it('builds SQL only in repositories', () => {
    const offenders = sources(ROOT).filter((file) => !isRepository(file))
      .flatMap((file) => queryLines(readFileSync(file, 'utf8')).map((line) => `${relative(ROOT, file)}:${line}`));
    expect(offenders).toEqual([]);
  });
});
