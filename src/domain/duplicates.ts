// "Likely the same person" across different documents (a passport, then an ID card;
// a typo in an ID number), and what may be merged or unmerged.
// The same document is always the same person; these rules only suggest, an admin decides.

export const DUPLICATE_RULES = ['name_birth_date', 'phone'] as const;
export type DuplicateRule = (typeof DUPLICATE_RULES)[number];

/** A name compared without case, width, spaces or the dots of transliterated names: 扎西·次仁 = 扎西 次仁 = 扎西次仁. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s\u00b7\u2022\u2027\u30fb.\-]/gu, '');
}

/** A phone as digits only, without China's 86/0086 prefix on a mobile number. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return /^(?:0086|86)1\d{10}$/.test(digits) ? digits.slice(digits.length - 11) : digits;
}

/** What is fed to the blind index of a phone, so equal phones meet without being stored in clear. */
export function phoneKeyInput(phone: string): string {
  return 'phone:' + normalisePhone(phone);
}

/** What is fed to the blind index of a name with a birth date: the one key the name rule compares (null when either is missing). */
export function nameBirthKeyInput(key: string, birthDate: string | null): string | null {
  return key && birthDate ? `${key}|${birthDate}` : null;
}

export interface DuplicateCandidate {
  id: string;
  /** The keyed index of nameBirthKeyInput: equal for the same name and birth date. */
  nameBirthKey: string | null;
  phoneKey: string | null;
}

export interface DuplicateGroup {
  rule: DuplicateRule;
  ids: string[];
}

function keysOf(p: DuplicateCandidate): [DuplicateRule, string][] {
  const keys: [DuplicateRule, string][] = [];
  if (p.nameBirthKey) keys.push(['name_birth_date', p.nameBirthKey]);
  if (p.phoneKey) keys.push(['phone', p.phoneKey]);
  return keys;
}

/** Persons sharing a key, two or more to a group, one group per rule and key, in the order first seen. */
export function duplicateGroups(candidates: DuplicateCandidate[]): DuplicateGroup[] {
  const groups = new Map<string, DuplicateGroup>();
  for (const p of candidates) {
    for (const [rule, key] of keysOf(p)) {
      const g = groups.get(rule + ':' + key) ?? { rule, ids: [] };
      if (!g.ids.includes(p.id)) g.ids.push(p.id);
      groups.set(rule + ':' + key, g);
    }
  }
  return [...groups.values()].filter((g) => g.ids.length > 1);
}

export type MergeProblem = 'same_person' | 'already_merged';

/** Why two persons cannot be merged, or null: never a person with itself, never one already merged away. */
export function mergeProblem(
  survivor: { id: string; mergedInto: string | null },
  merged: { id: string; mergedInto: string | null },
): MergeProblem | null {
  if (survivor.id === merged.id) return 'same_person';
  if (survivor.mergedInto || merged.mergedInto) return 'already_merged';
  return null;
}

export type UndoProblem = 'merge_undone' | 'merge_conflict';

/**
 * Why a merge cannot be undone exactly, or null. It can while it stands and every
 * row it moved still belongs to the survivor (not moved on by a later merge).
 */
export function undoProblem(
  merge: { survivorId: string; undoneAt: string | null; movedCount: number },
  merged: { mergedInto: string | null },
  stillWithSurvivor: number,
): UndoProblem | null {
  if (merge.undoneAt) return 'merge_undone';
  if (merged.mergedInto !== merge.survivorId || stillWithSurvivor !== merge.movedCount) return 'merge_conflict';
  return null;
}

/** A list after a merge: the survivor's items, then those only the merged person had (`added`, kept for undo). */
export function combineLists(survivor: string[], merged: string[]): { combined: string[]; added: string[] } {
  const added = merged.filter((x, i) => !survivor.includes(x) && merged.indexOf(x) === i);
  return { combined: [...survivor, ...added], added };
}

/** A list with what a merge added taken out again; anything set since stays. */
export function withoutAdded(current: string[], added: string[]): string[] {
  return current.filter((x) => !added.includes(x));
}
