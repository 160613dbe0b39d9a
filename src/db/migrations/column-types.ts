// Column types the migrations share. FROZEN: landed migrations create their tables with these, so a
// change here would change what an old migration does on a new database and part it from the databases
// it already built. A new or different type gets a new name; never edit or remove one below.
import { sql } from 'kysely';
import type { Dialect } from '../database';

// Code columns compare bytewise on both databases so that a jurisdiction subtree is one index range;
// instants are timestamptz on PostgreSQL.
export function columnTypes(dialect: Dialect) {
  const pg = dialect === 'postgres';
  return {
    instant: pg ? sql`timestamptz` : sql`text`,
    code: pg ? sql`text collate "C"` : sql`text`,
    serial: pg ? sql`bigserial primary key` : sql`integer primary key autoincrement`,
  };
}
