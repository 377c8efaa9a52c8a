import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_COLLECTION_NAMES, collectionForMode, COLLECTIONS, MODE_SEPARATED_COLLECTIONS } from './firestore-collections';

const ROOT = join(__dirname, '..', '..', '..');
const duplicates = (names: readonly string[]) => names.filter((name, i) => names.indexOf(name) !== i);

describe('the collection registry', () => {
  it('names every collection once: no two entries share a name, test-mode collections included', () => {
    expect(duplicates(Object.values(COLLECTIONS))).toEqual([]);
    expect(duplicates(ALL_COLLECTION_NAMES)).toEqual([]);
  });

  it('keeps test and live apart: a mode-separated collection has its own test-mode collection, which no live name uses', () => {
    for (const name of MODE_SEPARATED_COLLECTIONS) {
      expect(collectionForMode(name, true)).toBe(name);
      expect(collectionForMode(name, false)).toBe(`test_${name}`);
      expect(Object.values(COLLECTIONS)).not.toContain(collectionForMode(name, false));
    }
  });

  it('knows every collection the indexes and the security rules name', () => {
    const indexes = JSON.parse(readFileSync(join(ROOT, 'firestore.indexes.json'), 'utf8')) as { indexes?: Array<{ collectionGroup: string }>; fieldOverrides?: Array<{ collectionGroup: string }> };
    const indexed = [...(indexes.indexes ?? []), ...(indexes.fieldOverrides ?? [])].map((i) => i.collectionGroup);
    const ruled = [...readFileSync(join(ROOT, 'firestore.rules'), 'utf8').matchAll(/match \/([a-z_]+)\/\{/g)].map((m) => m[1]).filter((name) => name !== 'databases');
    expect(indexed.length + ruled.length).toBeGreaterThan(0);
    expect([...new Set([...indexed, ...ruled])].filter((name) => !ALL_COLLECTION_NAMES.includes(name))).toEqual([]);
  });
});
