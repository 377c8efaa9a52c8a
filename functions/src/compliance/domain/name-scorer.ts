// Scores one query against one indexed name from per-token similarities and weights.

import { INITIAL_SIMILARITY } from './token-similarity';

export interface ScoringToken {
  readonly text: string;
  readonly weight: number;
  /** List token id -> similarity to this query token (absent = unrelated). */
  readonly sims: ReadonlyMap<number, number>;
}

/**
 * Combines how much of each side is covered. When one side has more tokens (a dropped or
 * added middle name), the shorter side's coverage dominates so the omission costs only a
 * little; a single-token side dominates less, since one matching word is thin evidence.
 */
export function combineCoverage(qLen: number, nLen: number, covQ: number, covN: number, covNWithoutInitials = covN): number {
  if (qLen === nLen) return (covQ + covN) / 2;
  // Written without destructuring: this runs for thousands of candidates per query.
  const alpha = Math.min(qLen, nLen) >= 2 ? 0.8 : 0.6;
  if (qLen < nLen) return alpha * covQ + (1 - alpha) * covN;
  const symmetric = alpha * covN + (1 - alpha) * covQ;
  const contained = containment(qLen, nLen, covNWithoutInitials);
  return contained > symmetric ? contained : symmetric;
}

/** A query of this many tokens is no longer a name but a name hidden among other words. */
const LONG_QUERY_TOKENS = 5;
/** A single listed word found in a long query is reported for review, never as a strong hit. */
const SINGLE_WORD_CONTAINED = 0.9;

/**
 * Containment: a query holding every token of a listed name is that name, whatever else it
 * adds (extra given names, filler words), so the extras must not dilute it. Only full query
 * tokens count (an initial "S" proves nothing about SMILE). A one-word listed name counts only
 * inside a long query, and then only as a weak hit: one shared word in a normal name is noise.
 */
export function containment(qLen: number, nLen: number, covNWithoutInitials: number): number {
  if (nLen >= 2) return covNWithoutInitials;
  return qLen >= LONG_QUERY_TOKENS ? SINGLE_WORD_CONTAINED * covNWithoutInitials : 0;
}

// Blocking never pairs an initial with a full token ("J" / "JOHN"), so those pairs are
// resolved here; any other pair blocking did not surface counts as unrelated.
function initialSimilarity(a: string, b: string): number {
  if (a.length !== 1 && b.length !== 1) return 0;
  return a[0] === b[0] && /[A-Z]/.test(a[0]) ? INITIAL_SIMILARITY : 0;
}

// Reused similarity matrix: scoring runs synchronously, so one buffer serves every call.
let matrix = new Float64Array(256);

/**
 * Token-aware score in 0..1: tokens are paired one-to-one, greedily by similarity, so order
 * does not matter, and each side's coverage is weighted by token rarity.
 */
export function scoreTokens(
  query: readonly ScoringToken[],
  qTotal: number,
  nameTokenIds: readonly number[],
  vocabulary: { readonly tokens: readonly string[]; readonly tokenWeights: ArrayLike<number> },
  nTotal: number,
): number {
  const qLen = query.length;
  const nLen = nameTokenIds.length;
  if (matrix.length < qLen * nLen) matrix = new Float64Array(qLen * nLen * 2);
  for (let i = 0; i < qLen; i++) {
    const q = query[i];
    for (let j = 0; j < nLen; j++) {
      const id = nameTokenIds[j];
      matrix[i * nLen + j] = q.sims.get(id) ?? initialSimilarity(q.text, vocabulary.tokens[id]);
    }
  }
  let matchedQ = 0;
  let matchedN = 0;
  let matchedNWithoutInitials = 0;
  for (let round = Math.min(qLen, nLen); round > 0; round--) {
    let best = 0;
    let bi = -1;
    let bj = -1;
    for (let k = 0; k < qLen * nLen; k++) {
      if (matrix[k] > best) {
        best = matrix[k];
        bi = Math.floor(k / nLen);
        bj = k % nLen;
      }
    }
    if (bi < 0) break;
    matchedQ += best * query[bi].weight;
    matchedN += best * vocabulary.tokenWeights[nameTokenIds[bj]];
    if (query[bi].text.length > 1 || vocabulary.tokens[nameTokenIds[bj]].length === 1) {
      matchedNWithoutInitials += best * vocabulary.tokenWeights[nameTokenIds[bj]];
    }
    // Retire the row and column: each token is paired at most once.
    for (let j = 0; j < nLen; j++) matrix[bi * nLen + j] = 0;
    for (let i = 0; i < qLen; i++) matrix[i * nLen + bj] = 0;
  }
  return combineCoverage(qLen, nLen, matchedQ / qTotal, matchedN / nTotal, matchedNWithoutInitials / nTotal);
}
