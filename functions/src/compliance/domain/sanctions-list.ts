import { createHash } from 'node:crypto';

// The in-memory model of one sanctions list, independent of the file format it came from.

export type SanctionsEntryType = 'individual' | 'entity' | 'vessel' | 'aircraft';
export type ScreeningSubjectType = 'individual' | 'entity';

export interface SanctionsAlias {
  readonly name: string;
  /** OFAC distinguishes aka / fka / nka; kept for reviewers, not used for scoring. */
  readonly kind: string;
}

export interface SanctionsEntry {
  readonly entityId: number;
  readonly primaryName: string;
  readonly type: SanctionsEntryType;
  readonly programs: readonly string[];
  readonly aliases: readonly SanctionsAlias[];
}

export interface SanctionsList {
  /** Short list code shown in every match, e.g. "OFAC-SDN". */
  readonly listId: string;
  /** Content hash plus entry count; recorded with every screening decision. */
  readonly listVersion: string;
  readonly entries: readonly SanctionsEntry[];
}

/** Vessels and aircraft are screened as entities: a caller only knows "person or not". */
export function subjectTypeOf(type: SanctionsEntryType): ScreeningSubjectType {
  return type === 'individual' ? 'individual' : 'entity';
}

/**
 * Builds a list with a version derived from its content, so two instances that loaded the same
 * data report the same version and any change to names or aliases yields a new one.
 */
export function createSanctionsList(listId: string, entries: readonly SanctionsEntry[]): SanctionsList {
  const sorted = [...entries].sort((a, b) => a.entityId - b.entityId);
  const hash = createHash('sha256');
  for (const e of sorted) {
    hash.update(`${e.entityId}\u0001${e.primaryName}\u0001${e.type}\u0001${e.programs.join(',')}`);
    for (const a of e.aliases) hash.update(`\u0002${a.kind}\u0001${a.name}`);
    hash.update('\n');
  }
  const listVersion = `${listId}:${hash.digest('hex').slice(0, 16)}:${sorted.length}`;
  return { listId, listVersion, entries: sorted };
}
