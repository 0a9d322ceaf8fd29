import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../../../test/support/shared-data.ts';
import { defaultNicknames, loadNicknameFile, parseNicknameCsv } from './nicknames.ts';

describe('parseNicknameCsv', () => {
  it('groups has_nickname rows under the formal name', () => {
    const index = parseNicknameCsv(
      'name1,relationship,name2\nwilliam,has_nickname,bill\nwilliam,has_nickname,will\n',
    );
    expect(index.size).toBe(1);
    expect(index.variantsOf('William')).toEqual(['BILL', 'WILL']);
  });

  it('rejects a row without three fields, naming the line', () => {
    expect(() => parseNicknameCsv('william,has_nickname\n')).toThrow(
      expect.objectContaining({ code: 'IDENTITY_NICKNAMES_BAD_ROW', details: { line: 1 } }),
    );
  });

  it('ignores other relationships and comments', () => {
    const index = parseNicknameCsv('# comment\nwilliam,is_cousin_of,bob\n');
    expect(index.size).toBe(0);
  });
});

describe('NicknameIndex', () => {
  it('makes two familiar forms of one name equivalent, but not forms of different names', () => {
    const index = defaultNicknames();
    expect(index.sharedGroup('BILL', 'WILL')?.[0]).toBe('WILLIAM');
    expect(index.sharedGroup('bob', 'Robert')).toBeDefined();
    expect(index.sharedGroup('BILL', 'BOB')).toBeUndefined();
    expect(index.sharedGroup('BILL', 'BILL')).toBeUndefined();
  });

  it('loads the external nickname list in the same format and merges it', () => {
    const external = loadNicknameFile(
      sharedDataPath('name-variants', 'english_nicknames_carltonnorthern.csv'),
    );
    expect(external.size).toBeGreaterThan(500);
    const merged = defaultNicknames().merge(external);
    expect(merged.size).toBe(defaultNicknames().size + external.size);
    expect(merged.sharedGroup('ROBERT', 'BOB')).toBeDefined();
  });
});
