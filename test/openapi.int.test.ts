// The API's OpenAPI document is what client generators read: it must pass Redocly's recommended rules
// (the lint engine of @redocly/cli) without an error or a warning.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConfig, lint } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';

// /api/observations/policies/{reason} also matches /api/observations/{id}/<action> for an id "policies". Ids are
// UUIDs and the router tries the fixed segment first, so nothing is ambiguous in fact; renaming the policy path
// would break the clients that call it.
const AMBIGUOUS_BY_DESIGN = ['release', 'notice', 'end', 'hand-off', 'receive', 'room'].map((action) => `/api/observations/{id}/${action}`);

describe.each(DIALECTS)('the OpenAPI document on %s', (dialect) => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'fangkong-openapi-'));
  beforeAll(async () => { t = await startTestApp(dialect); });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes Redocly’s recommended rules with no error and no warning', async () => {
    const res = await t.call(t.adminToken, { method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const file = join(dir, 'openapi.json');
    writeFileSync(file, res.body);
    const config = await createConfig(
      // The platform has no licence yet: that is the owner's call, not the document's.
      { extends: ['recommended'], rules: { 'info-license': 'off' } },
      { ignore: { [file]: { 'no-ambiguous-paths': new Set(AMBIGUOUS_BY_DESIGN.map((p) => `#/paths/${p.replaceAll('/', '~1')}`)) } } },
    );
    const problems = await lint({ ref: file, config });
    const described = problems.filter((p) => !p.ignored).map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);
    expect(described).toEqual([]);
  }, 60_000);
});
