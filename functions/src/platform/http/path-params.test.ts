import { FUNCTION_CATALOGUE, HttpRoute } from '../../catalogue/function-catalogue';
import { pathParams } from './path-params';

const routes = FUNCTION_CATALOGUE.flatMap((f) => (f.trigger === 'http' ? [f.route] : []));
const withParam = routes.filter((r) => r.path.includes('{'));
const VALID: Record<string, string> = { payments: 'pay_A1b2C3', reviews: 'pay_A1b2C3', refunds: 're_Z9y8', rules: 'rule_Q7', cases: 'case_aml_daily_total_ctr_0a1b_2024-05-01', payouts: 'po_A1b2C3', disputes: 'dp_0a1b2c3d4e5f', balance_transactions: 'txn_cap_pay_A1b2C3', runs: 'recrun_test_20261127_A1b2C3', events: 'evt_po_A1b2_paid', webhook_endpoints: 'we_A1b2C3', members: 'Xk3uV9aQ2bN7', invitations: 'inv_A1b2C3', api_keys: 'key_A1b2C3', customers: 'cus_42', processors: 'euro_acquirer' };
const pathWith = (route: HttpRoute, id: string) => route.path.replace('{id}', encodeURIComponent(id));
const collectionOf = (route: HttpRoute) => route.path.split('/')[route.path.split('/').indexOf('{id}') - 1];

describe('path parameters', () => {
  it('covers every route with a path parameter in the catalogue', () => {
    expect(withParam.length).toBeGreaterThanOrEqual(12);
    for (const route of withParam) expect(Object.keys(VALID)).toContain(collectionOf(route));
  });

  it.each(withParam.map((r) => [`${r.method} ${r.path}`, r] as const))('given a well-formed id, %s matches with the id', (_name, route) => {
    const id = VALID[collectionOf(route)];
    expect(pathParams(route, pathWith(route, id), route.method)).toEqual({ ok: true, value: { id } });
  });

  // Each of these made the Firestore client throw (a 500) when used as a document id.
  const malformed = ['pay_1/../x', 'a/b', '__name__', '.', '..', 'pay_' + 'x'.repeat(1600), 'pay_1%zz', 'pay_\u0000', 'pay_ 1', 'pay_1.2'];
  it.each(withParam.flatMap((r) => malformed.map((id) => [`${r.method} ${r.path}`, JSON.stringify(id.slice(0, 20)), r, id] as const)))(
    'given %s with a malformed id %s, then 404 resource_missing without echoing it',
    (_name, _shown, route, id) => {
      const path = id === 'pay_1%zz' ? route.path.replace('{id}', id) : pathWith(route, id);
      const result = pathParams(route, path, route.method);
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ status: 404, code: 'resource_missing' }) });
      if (!result.ok && id.length > 8) expect(result.error.message).not.toContain(id);
    },
  );

  it('given an id of another object kind, then 404 (a refund id cannot name a payment)', () => {
    const route = withParam.find((r) => r.path === '/v1/payments/{id}')!;
    expect(pathParams(route, '/v1/payments/re_Z9y8', 'GET')).toMatchObject({ ok: false, error: { status: 404 } });
  });
});
