import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { generateMrz, generateMrzOrThrow, type MrzDocumentData } from './generate.ts';
import { parseMrz } from './parse.ts';

const anna: MrzDocumentData = {
  format: 'TD3',
  documentCode: 'P',
  issuingState: 'UTO',
  surname: 'Eriksson',
  givenNames: 'Anna Maria',
  documentNumber: 'L898902C3',
  nationality: 'UTO',
  birthDate: '740812',
  sex: 'F',
  expiryDate: '120415',
  optionalData: 'ZE184226B',
};

describe('generateMrz', () => {
  it('builds the Doc 9303 Part 4 specimen passport', () => {
    expect(generateMrz(anna)).toEqual({
      ok: true,
      format: 'TD3',
      lines: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'],
      nameTruncated: false,
    });
  });

  it('builds a TD1 long document number with < in the check digit position (Doc 9303 Part 11 D.2)', () => {
    const r = generateMrz({
      ...anna,
      format: 'TD1',
      documentCode: 'I',
      surname: 'Stevenson',
      givenNames: 'Peter John',
      documentNumber: 'D23145890734',
      birthDate: '340712',
      sex: 'M',
      expiryDate: '950712',
      optionalData: '',
    });
    expect(r.ok && r.lines).toEqual([
      'I<UTOD23145890<7349<<<<<<<<<<<',
      '3407127M9507122UTO<<<<<<<<<<<2',
      'STEVENSON<<PETER<JOHN<<<<<<<<<',
    ]);
  });

  /**
   * The Arg0s1080/mrz generator tests. Their Cyrillic and accented names are given here already
   * transliterated by the Doc 9303 Part 3 (section 6) tables (МАР'ЯНА → MARIANA, Я → IA, apostrophe
   * dropped), since transliteration is a separate step; the apostrophe in ERIKS'SON shows it is dropped.
   */
  it.each([
    [
      'mrva_gnt_01',
      {
        format: 'MRVA',
        documentCode: 'V',
        issuingState: 'UTO',
        surname: "ERIKS'SON",
        givenNames: 'ANNA MARIA',
        documentNumber: 'L8988901c',
        nationality: 'XXX',
        birthDate: '400907',
        sex: 'f',
        expiryDate: '961210',
        optionalData: 'Ze184226b',
      },
      ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L8988901C4XXX4009078F9612109ZE184226B<<<<<<<'],
    ],
    [
      'mrva_gnt_02',
      {
        format: 'MRVA',
        documentCode: 'VI',
        issuingState: 'USA',
        surname: 'TRAVELER',
        givenNames: 'HAPPYPERSON',
        documentNumber: '555123ABC',
        nationality: 'GBR',
        birthDate: '650205',
        sex: 'F',
        expiryDate: '041223',
        optionalData: 'IFLND00AMS803085',
      },
      ['VIUSATRAVELER<<HAPPYPERSON<<<<<<<<<<<<<<<<<<', '555123ABC6GBR6502056F0412236IFLND00AMS803085'],
    ],
    [
      'mrvb_gnt_02',
      {
        format: 'MRV-B',
        documentCode: 'V',
        issuingState: 'UTO',
        surname: 'ERIKSSON',
        givenNames: 'ANNA MARIA',
        documentNumber: 'L8988901C',
        nationality: 'XXX',
        birthDate: '400907',
        sex: 'F',
        expiryDate: '961210',
      },
      ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'L8988901C4XXX4009078F9612109<<<<<<<<'],
    ],
    [
      'td1_gnt_01',
      {
        format: 'TD1',
        documentCode: 'ID',
        issuingState: 'ESP',
        surname: 'ESPANOLA ESPANOLA',
        givenNames: 'CARMEN',
        documentNumber: 'BAA000589',
        nationality: 'ESP',
        birthDate: '800101',
        sex: 'F',
        expiryDate: '250101',
        optionalData: '99999999R',
      },
      ['IDESPBAA000589599999999R<<<<<<', '8001014F2501017ESP<<<<<<<<<<<7', 'ESPANOLA<ESPANOLA<<CARMEN<<<<<'],
    ],
    [
      'td1_gnt_02',
      {
        format: 'TD1',
        documentCode: 'id',
        issuingState: 'srb',
        surname: 'TEST',
        givenNames: 'MILICA',
        documentNumber: '955555546',
        nationality: 'SRB',
        birthDate: '680229',
        sex: 'f',
        expiryDate: '130724',
        optionalData: '2902968000000',
      },
      ['IDSRB95555554612902968000000<<', '6802295F1307245SRB<<<<<<<<<<<6', 'TEST<<MILICA<<<<<<<<<<<<<<<<<<'],
    ],
    [
      'td2_gnt_01',
      {
        format: 'TD2',
        documentCode: 'I',
        issuingState: 'UTO',
        surname: 'ERIKSSON',
        givenNames: 'ANNA MARIA',
        documentNumber: 'D23145890',
        nationality: 'UTO',
        birthDate: '740812',
        sex: 'F',
        expiryDate: '120415',
      },
      ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'],
    ],
    [
      'td3_gnt_02',
      {
        format: 'TD3',
        documentCode: 'P',
        issuingState: 'UKR',
        surname: 'TKACHENKO',
        givenNames: 'MARIANA',
        documentNumber: 'XX000000',
        nationality: 'UKR',
        birthDate: '910824',
        sex: 'F',
        expiryDate: '230925',
        optionalData: '1234567890',
      },
      ['P<UKRTKACHENKO<<MARIANA<<<<<<<<<<<<<<<<<<<<<', 'XX000000<0UKR9108242F23092571234567890<<<<70'],
    ],
  ] as const)('reproduces Arg0s %s', (_name, data, lines) => {
    const r = generateMrz(data as MrzDocumentData);
    expect(r.ok && r.lines).toEqual(lines);
  });

  it('refuses codes outside Doc 9303 Part 3, as in the Arg0s ASU and BOS generator tests', () => {
    // td3_gnt_01 uses ASU, a made-up state, and mrvb_gnt_01 uses BOS, not a code (Bosnia and Herzegovina is BIH).
    const r = generateMrz({ ...anna, issuingState: 'ASU', nationality: 'BOS' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.field)).toEqual(['issuingState', 'nationality']);
  });

  it('lists every problem in the input at once', () => {
    const r = generateMrz({
      ...anna,
      birthDate: '741340',
      sex: 'Q',
      documentNumber: 'L89 89!',
      surname: 'Müller',
    });
    expect(r.ok).toBe(false);
    const fields = !r.ok ? r.errors.map((e) => e.field) : [];
    expect(fields).toEqual(expect.arrayContaining(['birthDate', 'sex', 'documentNumber', 'name']));
    expect(!r.ok && r.errors.find((e) => e.field === 'name')?.code).toBe('IDENTITY_MRZ_UNTRANSLITERATED');
  });

  it('rejects a document number too long for the format', () => {
    const r = generateMrz({ ...anna, documentNumber: 'L898902C3X' });
    expect(!r.ok && r.errors[0]).toMatchObject({ field: 'documentNumber', code: 'IDENTITY_MRZ_TOO_LONG' });
  });

  it('rejects an unknown format', () => {
    const r = generateMrz({ ...anna, format: 'TD4' as 'TD3' });
    expect(!r.ok && r.errors[0]?.code).toBe('IDENTITY_MRZ_UNKNOWN_FORMAT');
  });

  it('cuts a name too long for the field and says so', () => {
    const r = generateMrz({
      ...anna,
      format: 'TD1',
      documentCode: 'I',
      optionalData: '',
      givenNames: 'Anna Maria Sofia Charlotte Eleonora',
    });
    expect(r.ok && r.nameTruncated).toBe(true);
    expect(r.ok && r.lines[2]).toBe('ERIKSSON<<ANNA<MARIA<SOFIA<CHA');
    expect(r.ok && parseMrz(r.lines).nameTruncated).toBe(true);
  });

  it('prints X (unspecified) as <', () => {
    const r = generateMrz({ ...anna, sex: 'X' });
    expect(r.ok && r.lines[1]?.charAt(20)).toBe('<');
  });
});

describe('generateMrzOrThrow', () => {
  it('throws an Invalid AppError with the first problem code', () => {
    expect(() => generateMrzOrThrow({ ...anna, expiryDate: '' })).toThrow(AppError);
    try {
      generateMrzOrThrow({ ...anna, expiryDate: '' });
    } catch (err) {
      expect(err).toMatchObject({ kind: 'Invalid', code: 'IDENTITY_MRZ_INVALID_FIELD' });
    }
  });
});
