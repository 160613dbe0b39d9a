import type { Ctx, CurrentUser } from '../../server/context';
import { AppError, validationError } from '../../server/errors';
import { isWithin } from '../../domain/division-code';
import { newId } from '../../db/ids';
import { ancestorCodes } from '../../domain/division-code';
import { nextUnitCode } from '../../domain/unit-code';
import { isSiteKind, type EntryPointKind, type JurisdictionLevel, type UnitKind } from '../../domain/enums';
import { writeAudit } from '../audit';
import type { EntryPointPatch, JurisdictionQuery, NewEntryPoint, NewUnit, UnitPatch, UnitQuery } from './schemas';
import * as q from './repository';

const UNIT_PARENT_LEVELS = ['city', 'district', 'town', 'unit'];
const EMPLOYER_KINDS: readonly string[] = ['economic_zone', 'agency', 'enterprise'] satisfies UnitKind[];
/** Two admins may pick the same next code at once; the loser retries with a fresh read. */
const CODE_ATTEMPTS = 3;

function toNode(r: q.NodeRow) {
  return {
    code: r.code,
    name: r.name,
    level: r.level as JurisdictionLevel,
    kind: r.kind,
    parentCode: r.parent_code,
    hasChildren: Boolean(r.has_children),
    rooms: r.rooms,
    hotelCode: r.hotel_code,
    active: r.active === 1,
  };
}

/** Adds each node's place as text: names from the city down, with the province only outside the region's own. */
async function placed(ctx: Ctx, rows: q.NodeRow[]) {
  const regionProvince = ctx.config.region.slice(0, 2);
  const pathOf = (code: string) => [...ancestorCodes(code).filter((c) => c !== regionProvince), code];
  const names = await q.namesByCodes(ctx.db, rows.flatMap((r) => pathOf(r.code)));
  return rows.map((r) => ({
    ...toNode(r),
    path: pathOf(r.code).flatMap((c) => names.get(c)?.name ?? []).join(' '),
  }));
}

async function requireNode(ctx: Ctx, code: string, field: string): Promise<q.NodeRow> {
  const node = await q.nodeByCode(ctx.db, code);
  if (!node) throw new AppError('unknown_code', { field, value: code }, field);
  return node;
}

function requireInScope(user: CurrentUser, code: string, field: string): void {
  if (!isWithin(code, user.jurisdictionCode)) throw new AppError('outside_scope', {}, field);
}

/** Search (with q), the children of `parent`, or else the configured region's root. */
export async function listJurisdictions(ctx: Ctx, f: JurisdictionQuery) {
  if (f.q) {
    const rows = await q.searchNodes(ctx.db, { q: f.q, within: f.within, levels: f.levels?.split(',') as JurisdictionLevel[] | undefined, limit: f.limit });
    return placed(ctx, rows);
  }
  if (f.parent) {
    const rows = await q.activeChildren(ctx.db, f.parent);
    if (rows.length === 0 && !(await q.nodeByCode(ctx.db, f.parent))) throw new AppError('unknown_code', { field: 'parent', value: f.parent }, 'parent');
    return rows.map(toNode);
  }
  const root = await q.nodeByCode(ctx.db, ctx.config.region);
  return root ? [toNode(root)] : [];
}

export async function getJurisdiction(ctx: Ctx, code: string) {
  const node = await q.nodeByCode(ctx.db, code);
  if (!node) throw new AppError('not_found');
  const codes = [...ancestorCodes(code), code];
  const names = await q.namesByCodes(ctx.db, codes);
  return {
    ...toNode(node),
    path: codes.flatMap((c) => {
      const n = names.get(c);
      return n ? [{ code: c, name: n.name, level: n.level }] : [];
    }),
  };
}

export async function listUnits(ctx: Ctx, user: CurrentUser, f: UnitQuery) {
  const rows = await q.unitsWithin(ctx.db, { parentCode: f.parent ?? user.jurisdictionCode, kind: f.kind, includeInactive: f.includeInactive });
  return placed(ctx, rows);
}

function checkRooms(kind: string, rooms: number | undefined): void {
  if (isSiteKind(kind)) {
    if (rooms === undefined) throw validationError('rooms', { zh: '为必填项（酒店和隔离点须填房间数）', en: 'is required for hotels and isolation sites' });
  } else if (rooms !== undefined) {
    throw validationError('rooms', { zh: '只适用于酒店和隔离点', en: 'applies to hotels and isolation sites only' });
  }
}

async function checkHotelCode(ctx: Ctx, kind: string, hotelCode: string): Promise<void> {
  if (!EMPLOYER_KINDS.includes(kind)) {
    throw validationError('hotelCode', { zh: '只适用于经济功能区、机关和企业', en: 'applies to economic zones, agencies and enterprises only' });
  }
  const hotel = await requireNode(ctx, hotelCode, 'hotelCode');
  if (hotel.level !== 'unit' || !isSiteKind(hotel.kind) || hotel.active !== 1) {
    throw validationError('hotelCode', { zh: '须为在用的留观酒店或隔离点', en: 'must be an active observation hotel or isolation site' });
  }
}

async function checkSiblingName(ctx: Ctx, parentCode: string, name: string, exceptCode?: string): Promise<void> {
  if (await q.siblingNamed(ctx.db, parentCode, name, exceptCode)) {
    throw new AppError('conflict', { what: { zh: `同级下的名称“${name}”`, en: `The name "${name}" at this level` } }, 'name');
  }
}

async function unitView(ctx: Ctx, code: string) {
  return toNode((await q.nodeByCode(ctx.db, code))!);
}

export async function createUnit(ctx: Ctx, user: CurrentUser, input: NewUnit) {
  const parent = await requireNode(ctx, input.parentCode, 'parentCode');
  if (!UNIT_PARENT_LEVELS.includes(parent.level)) throw new AppError('unit_parent_level', {}, 'parentCode');
  requireInScope(user, parent.code, 'parentCode');
  checkRooms(input.kind, input.rooms);
  if (input.hotelCode) await checkHotelCode(ctx, input.kind, input.hotelCode);
  await checkSiblingName(ctx, parent.code, input.name);
  const code = await ctx.writes.run(async (trx) => {
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const candidate = nextUnitCode(parent.code, await q.childUnitCodes(trx, parent.code));
      if (!candidate) throw new AppError('unit_codes_exhausted', {}, 'parentCode');
      const values = { code: candidate, name: input.name, kind: input.kind, parentCode: parent.code, rooms: input.rooms ?? null, hotelCode: input.hotelCode ?? null };
      if (await q.insertUnit(trx, values, new Date().toISOString())) {
        await writeAudit(trx, user, [{ action: 'create', entity: 'unit', entityId: candidate, jurisdictionCode: candidate, detail: { kind: input.kind } }]);
        return candidate;
      }
    }
    throw new AppError('rate_limited');
  });
  ctx.nodes.invalidate();
  return unitView(ctx, code);
}

export async function updateUnit(ctx: Ctx, user: CurrentUser, code: string, patch: UnitPatch) {
  const unit = await q.nodeByCode(ctx.db, code);
  if (!unit || unit.level !== 'unit') throw new AppError('not_found');
  requireInScope(user, code, 'code');
  if (patch.rooms !== undefined) checkRooms(unit.kind, patch.rooms);
  if (patch.hotelCode) await checkHotelCode(ctx, unit.kind, patch.hotelCode);
  if (patch.name !== undefined) await checkSiblingName(ctx, unit.parent_code!, patch.name, code);
  const set: q.UnitChanges = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.rooms !== undefined) set.rooms = patch.rooms;
  if (patch.hotelCode !== undefined) set.hotel_code = patch.hotelCode;
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
  await ctx.writes.run(async (trx) => {
    await q.updateUnit(trx, code, set);
    await writeAudit(trx, user, [{ action: 'update', entity: 'unit', entityId: code, jurisdictionCode: code, detail: { fields: Object.keys(patch) } }]);
  });
  ctx.nodes.invalidate();
  return unitView(ctx, code);
}

function toEntryPoint(r: q.EntryPointRow) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as EntryPointKind,
    jurisdictionCode: r.jurisdiction_code,
    jurisdictionName: r.jurisdiction_name,
    active: r.active === 1,
  };
}

export async function listEntryPoints(ctx: Ctx, includeInactive: boolean) {
  return (await q.listEntryPoints(ctx.db, includeInactive)).map(toEntryPoint);
}

async function checkEntryPointName(ctx: Ctx, name: string, exceptId?: string): Promise<void> {
  if (await q.entryPointNamed(ctx.db, name, exceptId)) {
    throw new AppError('conflict', { what: { zh: `入境口岸“${name}”`, en: `The entry point "${name}"` } }, 'name');
  }
}

async function entryPointView(ctx: Ctx, id: string) {
  return toEntryPoint((await q.entryPointById(ctx.db, id))!);
}

export async function createEntryPoint(ctx: Ctx, user: CurrentUser, input: NewEntryPoint) {
  await requireNode(ctx, input.jurisdictionCode, 'jurisdictionCode');
  requireInScope(user, input.jurisdictionCode, 'jurisdictionCode');
  await checkEntryPointName(ctx, input.name);
  const id = newId();
  await ctx.writes.run(async (trx) => {
    await q.insertEntryPoint(trx, { id, ...input }, new Date().toISOString());
    await writeAudit(trx, user, [{ action: 'create', entity: 'entry_point', entityId: id, jurisdictionCode: input.jurisdictionCode, detail: { kind: input.kind } }]);
  });
  ctx.reference.invalidate();
  return entryPointView(ctx, id);
}

export async function updateEntryPoint(ctx: Ctx, user: CurrentUser, id: string, patch: EntryPointPatch) {
  const current = await q.entryPointById(ctx.db, id);
  if (!current) throw new AppError('not_found');
  requireInScope(user, current.jurisdiction_code, 'id');
  if (patch.jurisdictionCode !== undefined) {
    await requireNode(ctx, patch.jurisdictionCode, 'jurisdictionCode');
    requireInScope(user, patch.jurisdictionCode, 'jurisdictionCode');
  }
  if (patch.name !== undefined) await checkEntryPointName(ctx, patch.name, id);
  const set: q.EntryPointChanges = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.kind !== undefined) set.kind = patch.kind;
  if (patch.jurisdictionCode !== undefined) set.jurisdiction_code = patch.jurisdictionCode;
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
  await ctx.writes.run(async (trx) => {
    await q.updateEntryPoint(trx, id, set);
    await writeAudit(trx, user, [{ action: 'update', entity: 'entry_point', entityId: id, jurisdictionCode: set.jurisdiction_code ?? current.jurisdiction_code, detail: { fields: Object.keys(patch) } }]);
  });
  ctx.reference.invalidate();
  return entryPointView(ctx, id);
}
