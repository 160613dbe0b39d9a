import { describe, expect, it } from 'vitest';
import { combineLists, duplicateGroups, mergeProblem, nameBirthKeyInput, nameKey, normalisePhone, phoneKeyInput, undoProblem, withoutAdded } from './duplicates';

describe('name keys', () => {
  it('ignores separators, spaces, width and case', () => {
    expect(nameKey('扎西·次仁')).toBe('扎西次仁');
    expect(nameKey(' 扎西 次仁 ')).toBe('扎西次仁');
    expect(nameKey('扎西・次仁')).toBe('扎西次仁');
    expect(nameKey('Ａｎｎａ Berg')).toBe(nameKey('anna berg'));
    expect(nameKey('Anne-Marie')).toBe(nameKey('Anne Marie'));
  });
  it('keeps different names apart', () => {
    expect(nameKey('扎西次仁')).not.toBe(nameKey('扎西次旦'));
  });
});

describe('phone keys', () => {
  it('drops the Chinese country prefix of a mobile number and anything not a digit', () => {
    expect(normalisePhone('+8613912345678')).toBe('13912345678');
    expect(normalisePhone('008613912345678')).toBe('13912345678');
    expect(normalisePhone('139 1234 5678')).toBe('13912345678');
    expect(phoneKeyInput('+86 139-1234-5678')).toBe(phoneKeyInput('13912345678'));
  });
  it('keeps foreign and landline numbers whole', () => {
    expect(normalisePhone('+4915112345678')).toBe('4915112345678');
    expect(normalisePhone('08916331234')).toBe('08916331234');
    expect(normalisePhone('8608916331234')).toBe('8608916331234');
  });
});

describe('duplicate groups', () => {
  const p = (id: string, name: string | null, birthDate: string | null, phoneKey: string | null) => ({ id, nameBirthKey: name && nameBirthKeyInput(nameKey(name), birthDate), phoneKey });

  it('groups the same name with the same birth date', () => {
    expect(duplicateGroups([p('a', '格桑', '1990-01-01', 'k1'), p('b', '格桑', '1990-01-01', 'k2'), p('c', '格桑', '1991-01-01', 'k3')]))
      .toEqual([{ rule: 'name_birth_date', ids: ['a', 'b'] }]);
  });
  it('never matches names without a birth date (a passport encodes none)', () => {
    expect(duplicateGroups([p('a', '拉巴', null, 'k1'), p('b', '拉巴', null, 'k2'), p('c', '拉巴', '1990-01-01', 'k3')])).toEqual([]);
  });
  it('groups the same phone whatever the names, and lists a pair once per rule that matched', () => {
    expect(duplicateGroups([p('a', '拉巴', null, 'k1'), p('b', '拉巴次仁', '1990-01-01', 'k1'), p('c', '拉巴次仁', '1990-01-01', 'k1'), p('d', '多吉', null, null)]))
      .toEqual([{ rule: 'phone', ids: ['a', 'b', 'c'] }, { rule: 'name_birth_date', ids: ['b', 'c'] }]);
  });
  it('counts a person seen twice once', () => {
    expect(duplicateGroups([p('a', '格桑', '1990-01-01', 'k1'), p('a', '格桑', '1990-01-01', 'k1')])).toEqual([]);
  });
});

describe('merge rules', () => {
  it('refuses a person with itself and anyone already merged away', () => {
    expect(mergeProblem({ id: 'a', mergedInto: null }, { id: 'a', mergedInto: null })).toBe('same_person');
    expect(mergeProblem({ id: 'a', mergedInto: null }, { id: 'b', mergedInto: 'c' })).toBe('already_merged');
    expect(mergeProblem({ id: 'a', mergedInto: 'c' }, { id: 'b', mergedInto: null })).toBe('already_merged');
    expect(mergeProblem({ id: 'a', mergedInto: null }, { id: 'b', mergedInto: null })).toBeNull();
  });
  it('undoes a standing merge only while every moved row is still with the survivor', () => {
    const merge = { survivorId: 's', undoneAt: null, movedCount: 3 };
    expect(undoProblem(merge, { mergedInto: 's' }, 3)).toBeNull();
    expect(undoProblem({ ...merge, undoneAt: '2026-11-23T00:00:00.000Z' }, { mergedInto: null }, 3)).toBe('merge_undone');
    expect(undoProblem(merge, { mergedInto: 's' }, 2)).toBe('merge_conflict');
    expect(undoProblem(merge, { mergedInto: 'x' }, 3)).toBe('merge_conflict');
  });
});

describe('combining lists on merge', () => {
  it('adds what only the merged person had, and undo takes exactly that out again', () => {
    const { combined, added } = combineLists(['elderly'], ['pregnant', 'elderly', 'pregnant']);
    expect(combined).toEqual(['elderly', 'pregnant']);
    expect(added).toEqual(['pregnant']);
    expect(withoutAdded([...combined, 'disabled'], added)).toEqual(['elderly', 'disabled']);
  });
});
