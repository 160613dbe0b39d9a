// The SQLite database holds a region's identities: its file, its WAL and shared-memory files and
// their directory are readable by the owner only. SQLite gives the -wal and -shm files the mode of
// the database file; existing files are tightened at every start.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

const STICKY = 0o1000;

export function ownerOnly(file: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // A shared directory such as /tmp (sticky) is left as it is; the files in it are still private.
  if (!(statSync(dir).mode & STICKY)) chmodSync(dir, 0o700);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}
