import { normaliseName } from './name-normaliser';
import { buildSanctionsIndex } from './sanctions-index';
import { createSanctionsList, SanctionsEntry } from './sanctions-list';
import { screenName, STRONG_MATCH_THRESHOLD } from './sanctions-matcher';

// Evasion attempts from the hardening review: each one used to come back clear.

const entry = (entityId: number, primaryName: string, type: SanctionsEntry['type'], aliases: string[] = []): SanctionsEntry => ({
  entityId,
  primaryName,
  type,
  programs: ['SDGT'],
  aliases: aliases.map((name) => ({ name, kind: 'aka' })),
});

const index = buildSanctionsIndex(
  createSanctionsList('TEST', [
    entry(6365, 'BIN LADIN, Usama bin Muhammad bin Awad', 'individual', ['BIN LADIN, Usama', 'BIN LADEN, Osama', 'BIN LADIN, Osama']),
    entry(2, 'PUTIN, Vladimir Vladimirovich', 'individual'),
    entry(3, 'HERNANDEZ GARCIA, Juan Carlos', 'individual'),
    entry(4, 'PETROVIC, Dragan', 'individual'),
    entry(5, 'SMITH, John', 'individual'),
    entry(6, 'HUSSEIN, Saddam', 'individual'),
  ]),
);

const best = (name: string) => screenName(index, name)[0];

describe('screening names written in another script', () => {
  it.each([
    ['Cyrillic', 'Усама бен Ладен'],
    ['Cyrillic, family name first', 'Бин Ладен Усама'],
    ['Greek', 'Οσάμα μπιν Λάντεν'],
    ['Arabic', 'أسامة بن لادن'],
  ])('given the listed USAMA BIN LADIN written in %s, when screened, then it hits the listed entry', (_script, name) => {
    expect(best(name)?.entityId).toBe(6365);
  });

  it('given a Cyrillic name, when screened, then it is a strong hit on the listed Latin name', () => {
    const match = best('Владимир Путин');
    expect(match?.entityId).toBe(2);
    expect(match?.strength).toBe('strong');
  });

  it('given a name only in a non-Latin script, when normalised, then it never becomes zero tokens', () => {
    for (const name of ['Усама бен Ладен', 'Οσάμα', 'أسامة', '金正恩', 'שלום']) {
      expect(normaliseName(name).tokens.length).toBeGreaterThan(0);
    }
  });

  it('given an unrelated Cyrillic name, when screened, then it is clear', () => {
    expect(screenName(index, 'Анна Каренина')).toEqual([]);
  });

  it('given an unrelated Arabic name, when screened, then it does not hit Usama bin Ladin', () => {
    expect(screenName(index, 'فاطمة الزهراء').map((m) => m.entityId)).not.toContain(6365);
  });
});

export { STRONG_MATCH_THRESHOLD };

describe('screening Latin names salted with Cyrillic or Greek look-alike letters', () => {
  it.each([
    ['Cyrillic О in Osama', 'Оsama bin Ladin', 6365],
    ['Cyrillic Р in Putin', 'Vladimir Рutin', 2],
    ['Greek Ρ and Cyrillic а', 'Vlаdimir Ρutin', 2],
    ['Cyrillic Н in Hussein', 'Saddam Нussein', 6],
    ['a word written only in Cyrillic look-alikes', 'ОЅАМА bin Ladin', 6365],
    ['Cyrillic ѕ and і', 'Drаgаn Реtrоvіс', 4],
    ['Cyrillic Ѕ in Smith', 'John Ѕmith', 5],
  ])('given %s, when screened, then it is a strong hit on the listed entry', (_case, name, entityId) => {
    const match = best(name);
    expect(match?.entityId).toBe(entityId);
    expect(match?.score).toBeGreaterThanOrEqual(STRONG_MATCH_THRESHOLD);
  });

  it('given a mixed-script name, when normalised, then it equals the all-Latin name', () => {
    expect(normaliseName('Ѕаddаm Нuѕѕеіn').key).toBe(normaliseName('Saddam Hussein').key);
    expect(normaliseName('ОЅАМА BIN LADIN').key).toBe('OSAMA BIN LADIN');
  });

  it('given a genuine Cyrillic name beside it, when normalised, then that word is read, not folded', () => {
    expect(normaliseName('Vladimir Путин').tokens).toEqual(['VLADIMIR', 'PUTIN']);
  });
});

describe('screening a listed name behind filler words', () => {
  it('given a listed name after the same filler word twenty times, when screened, then it is a strong hit', () => {
    const match = best(`${'and '.repeat(20)}Usama bin Ladin`);
    expect(match?.entityId).toBe(6365);
    expect(match?.strength).toBe('strong');
  });

  it('given a listed name after twenty distinct filler words, when screened, then it still hits', () => {
    const filler = 'the quick brown fox jumps over lazy dogs while seven tired men sing about green fields under cold grey skies';
    expect(filler.split(' ')).toHaveLength(20);
    expect(best(`${filler} Usama bin Ladin`)?.entityId).toBe(6365);
    expect(best(`Usama bin Ladin ${filler}`)?.entityId).toBe(6365);
  });
});

describe('screening a listed name with extra names added', () => {
  it.each([
    ['Juan Pablo Carlos Antonio Hernandez Garcia', 3],
    ['Dragan Milos Petrovic', 4],
    ['Usama Muhammad Awad bin Ladin', 6365],
    ['Saddam Abd al-Majid Hussein', 6],
  ])('given %s, when screened, then it is still a strong hit on the listed name', (name, entityId) => {
    const match = best(name);
    expect(match?.entityId).toBe(entityId);
    expect(match?.strength).toBe('strong');
  });

  it('given extra names and a misspelling, when screened, then it still hits', () => {
    expect(best('Dragan Milos Petrovik')?.entityId).toBe(4);
  });

  it('given only part of a listed name among other names, when screened, then it is not a strong hit', () => {
    expect(screenName(index, 'Usama Abdullah Smithson').filter((m) => m.strength === 'strong')).toEqual([]);
    expect(screenName(index, 'Carlos Hernandez Lopez Martinez').filter((m) => m.entityId === 3 && m.strength === 'strong')).toEqual([]);
  });
});
