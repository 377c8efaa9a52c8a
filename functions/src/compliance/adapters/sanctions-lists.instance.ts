import { firestore } from '../../platform/adapters/firestore-client';
import { systemClock } from '../../shared/clock';
import { createLogger } from '../../shared/logger';
import { DEFAULT_CHECK_EVERY_MS, PublishedSanctionsListWatcher } from '../application/published-sanctions-list.watcher';
import { SanctionsListCache } from '../application/sanctions-list.cache';
import { defaultSanctionsDataDir, OfacCsvSanctionsSource } from './ofac-csv.sanctions-source';
import { FirestoreSanctionsListRegistry } from './sanctions-list.firestore-registry';

// One loaded and indexed list per instance, shared by the screening endpoint, the payment gate and
// KYC checks. The watcher reloads it when the refresh job publishes a new version
// (SANCTIONS_VERSION_CHECK_MS between checks of `sanctions_lists/current`).
export const sanctionsSourceDir = (): string => defaultSanctionsDataDir();
export const sanctionsListRegistry = new FirestoreSanctionsListRegistry(firestore);
const checkEveryMs = Number(process.env.SANCTIONS_VERSION_CHECK_MS) || DEFAULT_CHECK_EVERY_MS;
const cache = new SanctionsListCache(new OfacCsvSanctionsSource(sanctionsSourceDir()));
export const sanctionsLists = new PublishedSanctionsListWatcher(cache, sanctionsListRegistry, systemClock, createLogger({ context: 'sanctions' }), checkEveryMs);
