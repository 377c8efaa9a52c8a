import { startSandboxAcquirer, type SandboxAcquirer } from '../../../../infra/sandbox-acquirer/sandbox-acquirer.server';
import type { CardLookup } from '../application/card-lookup.gateway';
import { AcquirerCardLookup, FailoverCardLookup } from './card-lookup.acquirer-gateway';

let acquirer: SandboxAcquirer;
let lookup: AcquirerCardLookup;

beforeAll(async () => {
  acquirer = await startSandboxAcquirer();
  lookup = new AcquirerCardLookup({ mode: 'test', baseUrl: acquirer.url, apiKey: 'ak_test_cards' });
});

afterAll(async () => {
  await lookup.close();
  await acquirer.close();
});

const down: CardLookup = { lookup: () => Promise.reject(new Error('connect ECONNREFUSED')) };

describe('card lookup through the acquirer, and failover between processors', () => {
  it('given a token, then the card in the fraud context\'s terms, with the sandbox risk hint in test mode', async () => {
    expect(await lookup.lookup('pm_card_mastercard_fr', false)).toEqual({ fingerprint: expect.any(String), brand: 'mastercard', country: 'FR', testRisk: 'generic' });
    expect(await lookup.lookup('pm_unknown', false)).toBeNull();
    await expect(lookup.lookup('pm_card_visa', true)).rejects.toThrow(/live-mode card lookup reached the test-mode/);
  });

  it('given the primary cannot answer, then the next is asked; when none can, the error reaches the gate', async () => {
    expect(await new FailoverCardLookup([down, lookup]).lookup('pm_card_visa_gb', false)).toMatchObject({ country: 'GB', brand: 'visa' });
    await expect(new FailoverCardLookup([down, down]).lookup('pm_card_visa', false)).rejects.toThrow('ECONNREFUSED');
  });
});
