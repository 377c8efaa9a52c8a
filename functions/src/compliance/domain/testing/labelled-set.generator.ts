import seedrandom from 'seedrandom';
import { normaliseName } from '../name-normaliser';
import { SanctionsIndex } from '../sanctions-index';
import { SanctionsEntry, ScreeningSubjectType, subjectTypeOf } from '../sanctions-list';
import { COMPANY_NOUNS, COMPANY_SUFFIXES, COMPANY_WORDS, GIVEN_NAMES, SURNAMES } from './common-names';

// Builds a labelled screening set from the loaded list itself, deterministically from a seed,
// so quality tests and the benchmark measure the same thing on every run.

export type Perturbation = 'reorder' | 'typo' | 'dropped-middle' | 'alias' | 'unlisted-person' | 'unlisted-company';

export interface LabelledQuery {
  readonly name: string;
  readonly type?: ScreeningSubjectType;
  /** The entry the query was derived from; null for names that must not hit. */
  readonly expectedEntityId: number | null;
  readonly perturbation: Perturbation;
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const naturalTokens = (e: SanctionsEntry): readonly string[] => normaliseName(e.primaryName, subjectTypeOf(e.type)).tokens;
const isWord = (t: string) => /^[A-Z]{4,}$/.test(t);
const titleCase = (tokens: readonly string[]) => tokens.map((t) => t[0] + t.slice(1).toLowerCase()).join(' ');

function typo(rng: Rng, token: string): string {
  // Keep the first letter: a misspelling rarely starts the name differently.
  const at = 1 + Math.floor(rng() * (token.length - 1));
  switch (Math.floor(rng() * 4)) {
    case 0: {
      const replacement = LETTERS.replace(token[at], '');
      return token.slice(0, at) + pick(rng, [...replacement]) + token.slice(at + 1);
    }
    case 1:
      return token.slice(0, at) + token.slice(at + 1);
    case 2:
      return token.slice(0, at) + pick(rng, [...LETTERS]) + token.slice(at);
    default: {
      const i = Math.min(at, token.length - 2);
      return token.slice(0, i) + token[i + 1] + token[i] + token.slice(i + 2);
    }
  }
}

function perturb(rng: Rng, entry: SanctionsEntry, kind: Perturbation): string | undefined {
  const tokens = naturalTokens(entry);
  if (kind === 'reorder') {
    if (tokens.length < 2) return undefined;
    const order = shuffled(rng, tokens);
    // A shuffle that changed nothing is not a reorder; rotating always changes it.
    return titleCase(order.join(' ') === tokens.join(' ') ? [...tokens.slice(1), tokens[0]] : order);
  }
  if (kind === 'typo') {
    const words = tokens.map((t, i) => [t, i] as const).filter(([t]) => isWord(t));
    if (words.length === 0) return undefined;
    const [word, i] = pick(rng, words);
    return titleCase(tokens.map((t, k) => (k === i ? typo(rng, word) : t)));
  }
  if (kind === 'dropped-middle') {
    if (entry.type !== 'individual' || tokens.length < 3) return undefined;
    const drop = 1 + Math.floor(rng() * (tokens.length - 2));
    return titleCase(tokens.filter((_, k) => k !== drop));
  }
  if (entry.aliases.length === 0) return undefined;
  return pick(rng, entry.aliases).name;
}

/** `perKind` queries for each of reorder, typo, dropped-middle and alias, from distinct entries where possible. */
export function generateListedQueries(index: SanctionsIndex, seed: string, perKind: number): LabelledQuery[] {
  const rng = seedrandom(seed);
  const entries = index.list.entries;
  const out: LabelledQuery[] = [];
  for (const kind of ['reorder', 'typo', 'dropped-middle', 'alias'] as const) {
    let made = 0;
    for (const entry of shuffled(rng, entries)) {
      if (made >= perKind) break;
      const name = perturb(rng, entry, kind);
      if (name === undefined) continue;
      const type = rng() < 0.5 ? subjectTypeOf(entry.type) : undefined;
      out.push({ name, type, expectedEntityId: entry.entityId, perturbation: kind });
      made++;
    }
  }
  return out;
}

/** True when some listed name contains every token of `name` exactly (then it is not "clearly unlisted"). */
function looksListed(index: SanctionsIndex, name: string): boolean {
  const ids = normaliseName(name).tokens.map((t) => index.tokenIds.get(t));
  if (ids.some((id) => id === undefined)) return false;
  const [first, ...rest] = ids.map((id) => new Set(index.postings[id as number]));
  return [...first].some((nameId) => rest.every((s) => s.has(nameId)));
}

/** `count` person and company names built from everyday name lists that no listed name contains. */
export function generateUnlistedQueries(index: SanctionsIndex, seed: string, count: number): LabelledQuery[] {
  const rng = seedrandom(seed);
  const out: LabelledQuery[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; out.length < count; attempt++) {
    if (attempt > count * 50) throw new Error(`cannot build ${count} distinct unlisted names from the name lists`);
    const person = rng() < 0.7;
    const name = person
      ? [pick(rng, GIVEN_NAMES), rng() < 0.3 ? pick(rng, GIVEN_NAMES) : '', pick(rng, SURNAMES)].filter(Boolean).join(' ')
      : [pick(rng, COMPANY_WORDS), pick(rng, COMPANY_NOUNS), pick(rng, COMPANY_SUFFIXES)].filter(Boolean).join(' ');
    if (seen.has(name) || looksListed(index, name)) continue;
    seen.add(name);
    const type = rng() < 0.5 ? (person ? 'individual' : 'entity') : undefined;
    out.push({ name, type, expectedEntityId: null, perturbation: person ? 'unlisted-person' : 'unlisted-company' });
  }
  return out;
}
