import { SanctionsIndex } from '../sanctions-index';
import { screenName } from '../sanctions-matcher';
import { LabelledQuery } from './labelled-set.generator';

export interface QualityReport {
  readonly listedQueries: number;
  /** Share of listed queries whose source entry is among the reported matches. */
  readonly recall: number;
  readonly unlistedQueries: number;
  /** Share of unlisted queries that produced any reported match. */
  readonly falseHitRate: number;
  readonly missed: readonly LabelledQuery[];
  readonly falseHits: readonly { query: LabelledQuery; matchedName: string; score: number }[];
}

/** Runs every labelled query through the matcher and scores the outcome. */
export function measureQuality(index: SanctionsIndex, queries: readonly LabelledQuery[]): QualityReport {
  const missed: LabelledQuery[] = [];
  const falseHits: { query: LabelledQuery; matchedName: string; score: number }[] = [];
  let listed = 0;
  let unlisted = 0;
  for (const query of queries) {
    const matches = screenName(index, query.name, { type: query.type });
    if (query.expectedEntityId === null) {
      unlisted++;
      if (matches.length > 0) falseHits.push({ query, matchedName: matches[0].matchedName, score: matches[0].score });
    } else {
      listed++;
      if (!matches.some((m) => m.entityId === query.expectedEntityId)) missed.push(query);
    }
  }
  return {
    listedQueries: listed,
    recall: listed === 0 ? 1 : (listed - missed.length) / listed,
    unlistedQueries: unlisted,
    falseHitRate: unlisted === 0 ? 0 : falseHits.length / unlisted,
    missed,
    falseHits,
  };
}
