import { normaliseName } from './name-normaliser';
import { combineCoverage, scoreTokens, ScoringToken } from './name-scorer';
import { IndexedName, SanctionsIndex } from './sanctions-index';
import { SanctionsEntryType, ScreeningSubjectType } from './sanctions-list';
import { ABJAD_SIMILARITY, abjadKey, blockingKeys, PHONETIC_SIMILARITY, phoneticKey, tokenSimilarity } from './token-similarity';

/** At or above this score a match should stop the payment pending review. */
export const STRONG_MATCH_THRESHOLD = 0.92;
/** At or above this score a match is reported; below it the name is treated as clear. */
export const WEAK_MATCH_THRESHOLD = 0.86;

export type MatchStrength = 'strong' | 'weak';

export interface SanctionsMatch {
  readonly list: string;
  readonly entityId: number;
  /** Primary name of the listed entry. */
  readonly name: string;
  /** The primary name or alias that scored best. */
  readonly matchedName: string;
  /** 0..1, rounded to 4 decimals. */
  readonly score: number;
  readonly strength: MatchStrength;
  readonly entryType: SanctionsEntryType;
  readonly programs: readonly string[];
}

export interface ScreeningOptions {
  /** Only screen against individuals, or only against entities (vessels and aircraft included). */
  readonly type?: ScreeningSubjectType;
  readonly maxResults?: number;
  readonly minScore?: number;
}

const DEFAULT_MAX_RESULTS = 10;
// Caps full scoring for very common queries; candidates are ranked by an upper bound first.
const MAX_SCORED_CANDIDATES = 100;

interface QueryToken extends ScoringToken {
  readonly text: string;
  readonly sims: Map<number, number>;
  /** Initials cannot be blocked on, so candidate bounds must assume they match. */
  readonly unblocked: boolean;
}

// Tokens that blocking does not surface are more than one edit apart with different consonant
// skeletons; they are treated as unrelated, which keeps scoring free of extra comparisons.
function prepareQuery(index: SanctionsIndex, tokens: readonly string[], abjad = false, transliterated = false): QueryToken[] {
  return tokens.map((text) => {
    const id = index.tokenIds.get(text);
    const sims = new Map<number, number>();
    const unblocked = /^[A-Z]$/.test(text);
    if (!unblocked) {
      for (const key of blockingKeys(text)) {
        for (const tid of index.blocks.get(key) ?? []) {
          if (!sims.has(tid)) sims.set(tid, tokenSimilarity(text, index.tokens[tid]));
        }
      }
    }
    // A name written in Arabic or Hebrew script transliterates to consonants only (LDN for LADIN).
    // A transliterated name spells sounds its own way (KARLOS for CARLOS, MUKHAMMED for MUHAMMED).
    const soundAlike: [string | undefined, number][] = [
      [abjad ? abjadKey(text) : undefined, ABJAD_SIMILARITY],
      [transliterated ? phoneticKey(text) : undefined, PHONETIC_SIMILARITY],
    ];
    for (const [key, similarity] of soundAlike) {
      if (!key) continue;
      for (const tid of index.blocks.get(key) ?? []) {
        if ((sims.get(tid) ?? 0) < similarity) sims.set(tid, similarity);
      }
    }
    return { text, weight: id === undefined ? index.unknownTokenWeight : index.tokenWeights[id], sims, unblocked };
  });
}

// Per-index accumulators reused across queries (screening is synchronous, so never shared
// by two queries at once); they spare several large allocations per query.
interface Scratch {
  readonly reachQ: Float64Array;
  readonly reachN: Float64Array;
  readonly touched: Int32Array;
}
const scratches = new WeakMap<SanctionsIndex, Scratch>();
function scratchFor(index: SanctionsIndex): Scratch {
  let s = scratches.get(index);
  if (!s) {
    const n = index.names.length;
    s = { reachQ: new Float64Array(n), reachN: new Float64Array(n), touched: new Int32Array(n) };
    scratches.set(index, s);
  }
  return s;
}

// Tokens on more than this share of names ("AL", "DE") are too common to find candidates
// with; they still count in scoring, and bounds assume they match.
const STOP_TOKEN_SHARE = 0.04;

/**
 * Token blocking: only names sharing a similar, not-too-common token with the query are
 * considered, and of those only the ones whose optimistic score bound can reach `minScore`.
 */
function findCandidates(index: SanctionsIndex, query: QueryToken[], minScore: number, type?: ScreeningSubjectType): number[] {
  const { reachQ, reachN, touched } = scratchFor(index);
  const { tokenWeights, postings } = index;
  const stopLimit = Math.max(50, STOP_TOKEN_SHARE * index.names.length);
  const isStop = (q: QueryToken) => q.sims.size > 0 && [...q.sims.keys()].every((id) => postings[id].length > stopLimit);
  const stops = query.map(isStop);
  // Only if every token is common do we fall back to walking the common tokens.
  const skipStops = stops.some((stop, i) => !stop && !query[i].unblocked && query[i].sims.size > 0);
  let touchedCount = 0;
  let qTotal = 0;
  let assumedQ = 0;
  let assumedN = 0;
  const hasInitials = query.some((q) => q.unblocked);
  query.forEach((q, i) => {
    qTotal += q.weight;
    if (q.unblocked) assumedQ += q.weight;
    if (skipStops && stops[i]) {
      assumedQ += q.weight;
      assumedN += Math.max(...[...q.sims].map(([id, s]) => s * tokenWeights[id]));
      return;
    }
    q.sims.forEach((s, tokenId) => {
      if (s === 0) return;
      const gainQ = s * q.weight;
      const gainN = s * tokenWeights[tokenId];
      const posting = postings[tokenId];
      for (let k = 0; k < posting.length; k++) {
        const nameId = posting[k];
        if (reachQ[nameId] === 0) touched[touchedCount++] = nameId;
        reachQ[nameId] += gainQ;
        reachN[nameId] += gainN;
      }
    });
  });
  const ids: number[] = [];
  const bounds: number[] = [];
  // How much of each candidate the query's searched tokens actually reached (no assumptions):
  // breaks ties between equal bounds, which long queries full of common words produce by the hundred.
  const evidence: number[] = [];
  const wantIndividual = type === undefined ? -1 : type === 'individual' ? 1 : 0;
  const { nameIsIndividual, nameTokenCounts, nameTotalWeights, nameInitialsWeights } = index;
  for (let k = 0; k < touchedCount; k++) {
    const nameId = touched[k];
    if (wantIndividual < 0 || nameIsIndividual[nameId] === wantIndividual) {
      const covQ = Math.min(1, (reachQ[nameId] + assumedQ) / qTotal);
      // A query initial may pair with any name token, so it leaves the name side unbounded.
      const reachedN = reachN[nameId] + assumedN + nameInitialsWeights[nameId];
      const covNWithoutInitials = Math.min(1, reachedN / nameTotalWeights[nameId]);
      const covN = hasInitials ? 1 : covNWithoutInitials;
      const bound = combineCoverage(query.length, nameTokenCounts[nameId], covQ, covN, covNWithoutInitials);
      if (bound >= minScore) {
        ids.push(nameId);
        bounds.push(bound);
        evidence.push(reachN[nameId] / nameTotalWeights[nameId]);
      }
    }
    reachQ[nameId] = 0;
    reachN[nameId] = 0;
  }
  if (ids.length <= MAX_SCORED_CANDIDATES) return ids;
  const order = ids.map((_, i) => i).sort((x, y) => bounds[y] - bounds[x] || evidence[y] - evidence[x]);
  return order.slice(0, MAX_SCORED_CANDIDATES).map((i) => ids[i]);
}

// Real names repeat a token at most a few times (USAMA BIN MUHAMMAD BIN AWAD BIN LADIN);
// more repetitions add nothing but cost.
const MAX_TOKEN_REPEATS = 3;
function capRepeats(tokens: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return tokens.filter((t) => {
    const n = (seen.get(t) ?? 0) + 1;
    seen.set(t, n);
    return n <= MAX_TOKEN_REPEATS;
  });
}

/** Screens one name against the index and returns matches ranked by score, best first. */
export function screenName(index: SanctionsIndex, rawName: string, options: ScreeningOptions = {}): SanctionsMatch[] {
  const minScore = options.minScore ?? WEAK_MATCH_THRESHOLD;
  // Long inputs are not names; capping keeps the cost of one screening bounded.
  const normalised = normaliseName(rawName, options.type);
  // No token is ever dropped from the tail (filler words in front must not push the name out);
  // cost is bounded by the API's length limits and by screening each repeated word only so often.
  const tokens = capRepeats(normalised.tokens);
  if (tokens.length === 0) return [];
  const query = prepareQuery(index, tokens, normalised.abjad, normalised.transliterated);
  const qTotal = query.reduce((sum, q) => sum + q.weight, 0);

  const best = new Map<number, { name: IndexedName; score: number }>();
  for (const nameId of findCandidates(index, query, minScore, options.type)) {
    const name = index.names[nameId];
    const score = scoreTokens(query, qTotal, name.tokenIds, index, name.totalWeight);
    const previous = best.get(name.entry.entityId);
    if (score >= minScore && (!previous || score > previous.score)) best.set(name.entry.entityId, { name, score });
  }

  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.name.entry.entityId - b.name.entry.entityId)
    .slice(0, options.maxResults ?? DEFAULT_MAX_RESULTS)
    .map(({ name, score }) => ({
      list: index.list.listId,
      entityId: name.entry.entityId,
      name: name.entry.primaryName,
      matchedName: name.name,
      score: Math.round(score * 10000) / 10000,
      strength: score >= STRONG_MATCH_THRESHOLD ? 'strong' : 'weak',
      entryType: name.entry.type,
      programs: name.entry.programs,
    }));
}
