// npm run rotate-secret: re-seals every encrypted field and keyed index under FANGKONG_NEW_SECRET.
// Run it with the platform stopped; then start it with FANGKONG_SECRET set to the new secret (a
// secret generated into the data directory is replaced there).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './config';
import { createFieldCrypto } from './field-crypto';
import { resolveSecret } from './secret';
import { createDb } from '../db/database';
import { migrate } from '../db/migrate';
import { rotateSecret } from '../db/rotate-secret';

const config = loadConfig();
const next = process.env.FANGKONG_NEW_SECRET;
if (!next || next.length < 32) {
  process.stderr.write('FANGKONG_NEW_SECRET must be set to the new secret (at least 32 characters), e.g. `openssl rand -base64 48`.\n');
  process.exit(2);
}
const current = resolveSecret(config.secret, config.dataDir);
const from = createFieldCrypto(current);
const to = createFieldCrypto(next);
const database = createDb(config.databaseUrl);
await migrate(database, from);
const counts = await rotateSecret(database.db, from, to, (c) => process.stdout.write(`\r persons ${c.persons}  records ${c.stated}  requests ${c.requests}`));
await database.close();
process.stdout.write(`\n done: ${counts.persons} persons, ${counts.stated} records, ${counts.requests} requests.\n`);
const file = join(config.dataDir, 'secret.key');
if (!config.secret && existsSync(file)) {
  writeFileSync(file, next + '\n', { mode: 0o600 });
  process.stdout.write(` ${file} now holds the new secret.\n`);
} else {
  process.stdout.write(' Set FANGKONG_SECRET to the new secret in every process before starting the platform again.\n');
}
