import { buildSanctionsIndex } from '../domain/sanctions-index';
import { createSanctionsList } from '../domain/sanctions-list';
import { ScreenNameQuery } from './screen-name.query';
import { ScreenNameResponseSchema } from '../../contracts/compliance-api.v1';
import { toScreenNameResponse } from './compliance-api.presenter';

const index = buildSanctionsIndex(
  createSanctionsList('OFAC-SDN', [
    { entityId: 2, primaryName: 'PETROVIC, Dragan', type: 'individual', programs: ['BALKANS'], aliases: [] },
    { entityId: 3, primaryName: 'DRAGAN PETROVIC TRADING LLC', type: 'entity', programs: ['BALKANS'], aliases: [] },
  ]),
);
const query = new ScreenNameQuery({ current: async () => index });

describe('ScreenNameQuery', () => {
  it('returns ranked matches together with the list version they were decided against', async () => {
    const result = await query.execute({ name: 'Dragan Petrovic', type: 'individual' });
    expect(result).toEqual({
      ok: true,
      value: { matches: [expect.objectContaining({ entityId: 2, score: 1, strength: 'strong' })], listVersion: index.list.listVersion },
    });
  });

  it('screens against both individuals and entities when no type is given', async () => {
    const result = await query.execute({ name: 'Dragan Petrovic' });
    expect(result.ok && result.value.matches.map((m) => m.entityId)).toEqual([2, 3]);
  });

  it('answers an unlisted name with no matches', async () => {
    const result = await query.execute({ name: 'Emily Thornton' });
    expect(result).toEqual({ ok: true, value: { matches: [], listVersion: index.list.listVersion } });
  });

  it.each([
    [{}, 'name'],
    [{ name: '   ' }, 'name'],
    [{ name: '!!!' }, 'name'],
    [{ name: 'x'.repeat(301) }, 'name'],
    [{ name: 'Dragan', type: 'vessel' }, 'type'],
    [{ name: 'Dragan', extra: true }, ''],
  ])('rejects %j with a stable code naming the bad field', async (input, path) => {
    const result = await query.execute(input);
    expect(result.ok).toBe(false);
    if (!result.ok && result.error.code === 'INVALID_SCREENING_REQUEST') {
      expect(result.error.issues.map((i) => i.path)).toContain(path);
    } else {
      throw new Error(`unexpected ${JSON.stringify(result)}`);
    }
  });

  it('fails closed with a stable code when the list cannot be loaded', async () => {
    const broken = new ScreenNameQuery({ current: () => Promise.reject(new Error('no data')) });
    expect(await broken.execute({ name: 'Dragan Petrovic' })).toEqual({
      ok: false,
      error: { code: 'SANCTIONS_LIST_UNAVAILABLE', message: 'no data' },
    });
  });
});

describe('toScreenNameResponse', () => {
  it('produces the snake_case HTTP body described by the response schema', async () => {
    const result = await query.execute({ name: 'Petrovic, Dragan', type: 'individual' });
    if (!result.ok) throw new Error('expected a result');
    const body = toScreenNameResponse(result.value);
    expect(ScreenNameResponseSchema.parse(body)).toEqual({
      matches: [{ list: 'OFAC-SDN', entity_id: 2, name: 'PETROVIC, Dragan', matched_name: 'PETROVIC, Dragan', score: 1, strength: 'strong' }],
      list_version: index.list.listVersion,
    });
  });
});
