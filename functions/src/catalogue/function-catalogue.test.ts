import { FUNCTION_CATALOGUE, matchPath, routeOf } from './function-catalogue';

describe('function catalogue', () => {
  it('given a route pattern and a concrete path, then the parameters are extracted and decoded', () => {
    expect(matchPath('/v1/payments/{id}/capture', '/v1/payments/pay_123/capture')).toEqual({ id: 'pay_123' });
    expect(matchPath('/v1/payments/{id}', '/v1/payments/pay%5F1')).toEqual({ id: 'pay_1' });
  });

  it('given a path that does not fit or carries a malformed escape, then nothing matches (404, never 500)', () => {
    expect(matchPath('/v1/payments/{id}', '/v1/refunds/re_1')).toBeNull();
    expect(matchPath('/v1/payments/{id}', '/v1/payments/%E0%A4%A')).toBeNull();
  });

  it('names every function, entry point, route and queue once', () => {
    const names = FUNCTION_CATALOGUE.map((f) => f.name);
    const entryPoints = FUNCTION_CATALOGUE.map((f) => f.entryPoint);
    const routes = FUNCTION_CATALOGUE.flatMap((f) => (f.trigger === 'http' ? [`${f.route.method} ${f.route.path}`] : []));
    const queues = FUNCTION_CATALOGUE.flatMap((f) => (f.trigger === 'task' ? [f.queue] : []));
    for (const list of [names, entryPoints, routes, queues]) expect(new Set(list).size).toBe(list.length);
    expect(routeOf('createPayment')).toMatchObject({ method: 'POST', path: '/v1/payments' });
  });
});
