import { SanctionsListCache } from '../application/sanctions-list.cache';
import { OfacCsvSanctionsSource } from './ofac-csv.sanctions-source';

// One loaded and indexed list per instance, shared by the screening endpoint and the payment gate.
export const sanctionsLists = new SanctionsListCache(new OfacCsvSanctionsSource());
