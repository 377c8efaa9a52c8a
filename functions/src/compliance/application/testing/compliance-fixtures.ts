import { buildSanctionsIndex } from '../../domain/sanctions-index';
import { createSanctionsList } from '../../domain/sanctions-list';
import { SanctionsIndexProvider } from '../screen-name.query';

// A two-entry list: "Dragan Petrovic" is a strong hit, "Milorad Kovacevik" a weak one.
export const TEST_INDEX = buildSanctionsIndex(
  createSanctionsList('OFAC-SDN', [
    { entityId: 2, primaryName: 'PETROVIC, Dragan', type: 'individual', programs: ['BALKANS'], aliases: [] },
    { entityId: 7, primaryName: 'KOVACEVIC, Milorad Zoran', type: 'individual', programs: ['BALKANS'], aliases: [] },
  ]),
);

export const testLists: SanctionsIndexProvider = { current: async () => TEST_INDEX };
export const brokenLists: SanctionsIndexProvider = { current: () => Promise.reject(new Error('list not loaded')) };

export const merchantsIn = (country: string | undefined) => ({ countryOf: async () => country });
