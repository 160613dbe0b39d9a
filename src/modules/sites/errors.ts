// The error codes this module answers with, and their messages (src/server/errors.ts joins every module's).
import type { ErrorTable } from '../../server/errors';

export const SITE_ERRORS = {
  not_a_site: { status: 400, zh: '{code} 不是在用的留观酒店或隔离点', en: '{code} is not an active observation hotel or isolation site' },
  site_full: { status: 409, zh: '{place}已满（床位 {capacity}，在住 {occupied}）；确需安排须注明超员原因', en: '{place} is full ({occupied} of {capacity} beds taken); an override needs a reason' },
  room_occupied: { status: 409, zh: '房间 {number} 仍有 {occupants} 人在住，不能停用', en: 'Room {number} still has {occupants} occupant(s) and cannot be taken out of service' },
} as const satisfies ErrorTable;
