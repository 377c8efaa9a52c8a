import { buildSanctionsIndex } from './sanctions-index';
import { createSanctionsList, SanctionsEntry } from './sanctions-list';
import { screenName, STRONG_MATCH_THRESHOLD, WEAK_MATCH_THRESHOLD } from './sanctions-matcher';

const entry = (entityId: number, primaryName: string, type: SanctionsEntry['type'], aliases: string[] = []): SanctionsEntry => ({
  entityId,
  primaryName,
  type,
  programs: ['SDGT'],
  aliases: aliases.map((name) => ({ name, kind: 'aka' })),
});

const index = buildSanctionsIndex(
  createSanctionsList('TEST', [
    entry(1, 'HERNANDEZ GARCIA, Juan Carlos', 'individual', ['EL CHAPARRO']),
    entry(2, 'PETROVIC, Dragan', 'individual'),
    entry(3, 'GOLDEN STAR SHIPPING CO., LTD.', 'entity', ['GOLDSTAR SHIPPING']),
    entry(4, 'GOLDEN STAR', 'vessel'),
    entry(5, 'ABDULLAH, Mohammed Hussein', 'individual'),
    entry(6, 'SMITH, John', 'individual'),
  ]),
);

const ids = (name: string, type?: 'individual' | 'entity') => screenName(index, name, { type }).map((m) => m.entityId);

describe('screenName on a small hand-made list', () => {
  it('finds an exact primary name as a strong match with score 1', () => {
    const [match] = screenName(index, 'Dragan Petrovic');
    expect(match).toMatchObject({ list: 'TEST', entityId: 2, name: 'PETROVIC, Dragan', matchedName: 'PETROVIC, Dragan', score: 1, strength: 'strong' });
  });

  it('ignores token order', () => {
    expect(ids('Garcia Juan Hernandez Carlos')).toEqual([1]);
  });

  it('tolerates a one-letter misspelling', () => {
    const [match] = screenName(index, 'Dragan Petrovik');
    expect(match.entityId).toBe(2);
    expect(match.score).toBeGreaterThanOrEqual(STRONG_MATCH_THRESHOLD);
  });

  it('tolerates a dropped middle name and an initial', () => {
    expect(ids('Juan Hernandez Garcia')).toContain(1);
    expect(ids('J. C. Hernandez Garcia')).toContain(1);
  });

  it('matches transliteration variants of the same name', () => {
    expect(ids('Muhammad Husayn Abdallah')).toContain(5);
  });

  it('matches aliases and reports which name matched', () => {
    const [match] = screenName(index, 'El Chaparro');
    expect(match).toMatchObject({ entityId: 1, name: 'HERNANDEZ GARCIA, Juan Carlos', matchedName: 'EL CHAPARRO' });
  });

  it('ignores legal suffixes on either side', () => {
    expect(ids('Golden Star Shipping Limited')).toContain(3);
  });

  it('filters by subject type, counting vessels as entities', () => {
    expect(ids('Golden Star', 'entity')).toEqual(expect.arrayContaining([3, 4]));
    expect(ids('Golden Star', 'individual')).toEqual([]);
    expect(ids('John Smith', 'entity')).toEqual([]);
  });

  it('ranks matches best first with scores between the weak threshold and 1', () => {
    const matches = screenName(index, 'Golden Star');
    expect(matches[0].entityId).toBe(4);
    for (const m of matches) expect(m.score).toBeGreaterThanOrEqual(WEAK_MATCH_THRESHOLD);
    expect(matches.map((m) => m.score)).toEqual([...matches.map((m) => m.score)].sort((a, b) => b - a));
  });

  it('reports nothing for a clearly different name', () => {
    expect(screenName(index, 'Emily Thornton')).toEqual([]);
    expect(screenName(index, 'John Smithers-Featherstonehaugh')).toEqual([]);
  });

  it('does not let a shared common first name alone produce a hit', () => {
    expect(ids('John Pemberton')).toEqual([]);
  });

  it('returns nothing for an empty or punctuation-only name', () => {
    expect(screenName(index, '  ,. ')).toEqual([]);
  });

  it('labels a partial match (two of four names) as weak, not strong', () => {
    const [match] = screenName(index, 'Juan Hernandez');
    expect(match.entityId).toBe(1);
    expect(match.strength).toBe('weak');
    expect(match.score).toBeLessThan(STRONG_MATCH_THRESHOLD);
  });

  it('respects maxResults', () => {
    expect(screenName(index, 'Golden Star', { maxResults: 1 })).toHaveLength(1);
  });
});
