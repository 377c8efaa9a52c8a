import { normaliseName } from './name-normaliser';
import { SanctionsEntry, SanctionsList, ScreeningSubjectType, subjectTypeOf } from './sanctions-list';
import { abjadKey, blockingKeys, phoneticKey } from './token-similarity';

// Search structure built once per loaded list. Every primary name and alias becomes an
// "indexed name"; tokens are interned to ids so a query compares each distinct token once.

export interface IndexedName {
  readonly entry: SanctionsEntry;
  readonly subjectType: ScreeningSubjectType;
  /** The name as published (primary name or alias). */
  readonly name: string;
  readonly tokenIds: readonly number[];
  readonly totalWeight: number;
  /** Weight of single-letter tokens, which query blocking cannot reach. */
  readonly initialsWeight: number;
}

export interface SanctionsIndex {
  readonly list: SanctionsList;
  readonly names: readonly IndexedName[];
  /** Token id -> token text. */
  readonly tokens: readonly string[];
  readonly tokenIds: ReadonlyMap<string, number>;
  /** Token id -> inverse-document-frequency weight: rare tokens identify, common ones barely do. */
  readonly tokenWeights: Float64Array;
  /** Token id -> ids of the names containing it. */
  readonly postings: readonly (readonly number[])[];
  /** Blocking key -> token ids filed under it (see blockingKeys). */
  readonly blocks: ReadonlyMap<string, readonly number[]>;
  /**
   * Per-name facts laid out flat (name id -> value) for the candidate loop, which reads them
   * for thousands of names per query: 1 = individual, 0 = entity; token count; total weight;
   * weight of single-letter tokens.
   */
  readonly nameIsIndividual: Uint8Array;
  readonly nameTokenCounts: Uint16Array;
  readonly nameTotalWeights: Float64Array;
  readonly nameInitialsWeights: Float64Array;
  /** Weight given to a query token the list has never seen (as rare as it gets). */
  readonly unknownTokenWeight: number;
}

interface NameVariant {
  readonly name: string;
  readonly tokens: readonly string[];
}

function variantsOf(entry: SanctionsEntry): NameVariant[] {
  const kind = subjectTypeOf(entry.type);
  const seen = new Set<string>();
  const out: NameVariant[] = [];
  const add = (published: string, text: string) => {
    const { tokens, key } = normaliseName(text, kind);
    if (tokens.length === 0 || seen.has(key)) return;
    seen.add(key);
    out.push({ name: published, tokens });
  };
  for (const name of [entry.primaryName, ...entry.aliases.map((a) => a.name)]) {
    add(name, name);
    // AERO-CARIBBEAN is also written AEROCARIBBEAN; index both spellings.
    if (name.includes('-')) add(name, name.replace(/-/g, ''));
  }
  return out;
}

export function buildSanctionsIndex(list: SanctionsList): SanctionsIndex {
  const tokens: string[] = [];
  const tokenIds = new Map<string, number>();
  const postings: number[][] = [];
  const pending: { entry: SanctionsEntry; name: string; ids: number[] }[] = [];

  for (const entry of list.entries) {
    for (const v of variantsOf(entry)) {
      const ids: number[] = [];
      for (const t of v.tokens) {
        let id = tokenIds.get(t);
        if (id === undefined) {
          id = tokens.length;
          tokens.push(t);
          tokenIds.set(t, id);
          postings.push([]);
        }
        const posting = postings[id];
        if (posting[posting.length - 1] !== pending.length) posting.push(pending.length);
        ids.push(id);
      }
      pending.push({ entry, name: v.name, ids });
    }
  }

  const nameCount = Math.max(pending.length, 1);
  const tokenWeights = new Float64Array(tokens.length);
  for (let id = 0; id < tokens.length; id++) tokenWeights[id] = Math.log(1 + nameCount / postings[id].length);

  const names: IndexedName[] = pending.map((p) => ({
    entry: p.entry,
    subjectType: subjectTypeOf(p.entry.type),
    name: p.name,
    tokenIds: p.ids,
    totalWeight: p.ids.reduce((sum, id) => sum + tokenWeights[id], 0),
    initialsWeight: p.ids.reduce((sum, id) => sum + (tokens[id].length === 1 ? tokenWeights[id] : 0), 0),
  }));

  const blocks = new Map<string, number[]>();
  for (let id = 0; id < tokens.length; id++) {
    // The abjad key ("~") and the phonetic key ("^") serve transliterated queries only.
    const keys = blockingKeys(tokens[id]);
    const abjad = abjadKey(tokens[id]);
    const phonetic = phoneticKey(tokens[id]);
    if (abjad) keys.push(abjad);
    if (phonetic) keys.push(phonetic);
    for (const key of new Set(keys)) {
      const bucket = blocks.get(key);
      if (bucket) bucket.push(id);
      else blocks.set(key, [id]);
    }
  }

  return {
    list,
    names,
    nameIsIndividual: Uint8Array.from(names, (n) => (n.subjectType === 'individual' ? 1 : 0)),
    nameTokenCounts: Uint16Array.from(names, (n) => n.tokenIds.length),
    nameTotalWeights: Float64Array.from(names, (n) => n.totalWeight),
    nameInitialsWeights: Float64Array.from(names, (n) => n.initialsWeight),
    tokens,
    tokenIds,
    tokenWeights,
    postings,
    blocks,
    unknownTokenWeight: Math.log(1 + nameCount),
  };
}
