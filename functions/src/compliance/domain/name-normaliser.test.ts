import { isLegalFormOnly, normaliseName } from './name-normaliser';

const tokensOf = (raw: string, kind?: 'individual' | 'entity') => normaliseName(raw, kind).tokens;

describe('normaliseName', () => {
  it('upper-cases and strips diacritics, including letters that do not decompose', () => {
    expect(tokensOf('José Müller-Łukasz Øberg Straße')).toEqual(['JOSE', 'MULLER', 'LUKASZ', 'OBERG', 'STRASSE']);
  });

  it('turns "LAST, First Middle" into natural order', () => {
    expect(tokensOf('ALBOSTANI, Meshal Saad')).toEqual(['MESHAL', 'SAAD', 'ALBOSTANI']);
  });

  it('keeps the written order for entities even when they contain a comma', () => {
    expect(tokensOf('BANK MELLI IRAN, LONDON BRANCH', 'entity')).toEqual(['BANK', 'MELLI', 'IRAN', 'LONDON', 'BRANCH']);
  });

  it('does not mistake a legal suffix after a comma for a first name', () => {
    expect(tokensOf('ANGLO-CARIBBEAN CO., LTD.')).toEqual(['ANGLO', 'CARIBBEAN']);
  });

  it.each([
    ['Acme Trading LTD', ['ACME', 'TRADING']],
    ['Acme Trading Limited', ['ACME', 'TRADING']],
    ['Acme Trading, L.L.C.', ['ACME', 'TRADING']],
    ['ACME TRADING INC.', ['ACME', 'TRADING']],
    ['PETROLEOS DE VENEZUELA, S.A.', ['PETROLEOS', 'DE', 'VENEZUELA']],
    ['Siemens GmbH', ['SIEMENS']],
    ['OOO Rosneft', ['ROSNEFT']],
    ['Tet Kham (S) Pte. Ltd.', ['TET', 'KHAM', 'S']],
    ['Globex Limited Liability Company', ['GLOBEX']],
  ])('drops the legal form in %s', (raw, expected) => {
    expect(tokensOf(raw)).toEqual(expected);
  });

  it('removes apostrophes inside names instead of splitting them', () => {
    expect(tokensOf("AL-QA'IDA")).toEqual(['AL', 'QAIDA']);
    expect(tokensOf("O'Brien, Patrick")).toEqual(['PATRICK', 'OBRIEN']);
  });

  it('drops honorifics', () => {
    expect(tokensOf('Dr. Jane Smith')).toEqual(['JANE', 'SMITH']);
  });

  it('keeps a name made only of legal-form words rather than returning nothing', () => {
    expect(tokensOf('Company Limited')).toEqual(['COMPANY', 'LIMITED']);
  });

  it('returns no tokens for input without letters or digits', () => {
    expect(normaliseName(' -- ,, ')).toEqual({ tokens: [], key: '' });
  });

  it('joins tokens with single spaces in the key', () => {
    expect(normaliseName('  smith ,   john  ').key).toBe('JOHN SMITH');
  });

  it('recognises a suffix-only tail', () => {
    expect(isLegalFormOnly(['CO', 'LTD'])).toBe(true);
    expect(isLegalFormOnly(['JOHN'])).toBe(false);
  });
});
