import { defaultSanctionsDataDir, OfacCsvSanctionsSource } from './adapters/ofac-csv.sanctions-source';
import { buildSanctionsIndex, SanctionsIndex } from './domain/sanctions-index';
import { screenName } from './domain/sanctions-matcher';
import {
  generateListedQueries,
  generateUnlistedQueries,
  LabelledQuery,
  LISTED_PERTURBATIONS,
} from './domain/testing/labelled-set.generator';
import { measureQuality, QualityReport } from './domain/testing/screening-quality';

// Quality over the real OFAC SDN snapshot, with a labelled set derived from it by a fixed seed.

describe('sanctions screening quality on the OFAC SDN list', () => {
  let index: SanctionsIndex;
  let listed: LabelledQuery[];
  let unlisted: LabelledQuery[];
  let listedReport: QualityReport;

  beforeAll(async () => {
    index = buildSanctionsIndex(await new OfacCsvSanctionsSource(defaultSanctionsDataDir(process.env)).load());
    listed = generateListedQueries(index, 'quality-listed', 300);
    unlisted = generateUnlistedQueries(index, 'quality-unlisted', 1000);
    listedReport = measureQuality(index, listed);
  }, 60_000);

  it('builds a labelled set covering every perturbation', () => {
    const kinds = new Set([...listed, ...unlisted].map((q) => q.perturbation));
    expect([...kinds].sort()).toEqual([
      'alias',
      'confusables',
      'dropped-middle',
      'extra-names',
      'filler-words',
      'non-latin-script',
      'reorder',
      'typo',
      'unlisted-company',
      'unlisted-person',
    ]);
    expect(listed).toHaveLength(300 * LISTED_PERTURBATIONS.length);
  });

  it('generates the same labelled set from the same seed', () => {
    expect(generateListedQueries(index, 'quality-listed', 300)).toEqual(listed);
  });

  it('finds at least 95 % of perturbed listed names (reordered, misspelt, dropped middle name, alias, other script, look-alike letters, filler words, extra names)', () => {
    expect(listedReport.recall).toBeGreaterThanOrEqual(0.95);
  });

  it.each(LISTED_PERTURBATIONS)('keeps recall at 95 %% or more for %s alone', (kind) => {
    const total = listed.filter((q) => q.perturbation === kind).length;
    const missed = listedReport.missed.filter((q) => q.perturbation === kind).length;
    expect((total - missed) / total).toBeGreaterThanOrEqual(0.95);
  });

  it.each([
    ['Cyrillic', 'Усама бен Ладен'],
    ['Arabic', 'أسامة بن لادن'],
    ['a Cyrillic look-alike О', 'Оsama bin Ladin'],
    ['twenty filler words in front', 'the quick brown fox jumps over lazy dogs while seven tired men sing about green fields under cold grey skies Usama bin Ladin'],
    ['a 300-character text of filler words', `${'payment for invoice order reference account please thank you regards from '.repeat(5)}Usama bin Ladin`.slice(-300)],
    ['extra given names', 'Usama Muhammad Awad Abdullah bin Ladin'],
  ])('hits the listed USAMA BIN LADIN (SDN 6365) written with %s', (_kind, name) => {
    expect(screenName(index, name).map((m) => m.entityId)).toContain(6365);
  });

  it('raises a hit on at most 2 % of clearly unlisted names', () => {
    const report = measureQuality(index, unlisted);
    expect(report.falseHitRate).toBeLessThanOrEqual(0.02);
  });
});
