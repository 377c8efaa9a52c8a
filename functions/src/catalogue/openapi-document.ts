import { z } from 'zod';
import { ErrorObject } from '../contracts/payments-api.v1';
import { httpFunctions } from './function-catalogue';
import { ROUTE_AUTH_SCHEMES } from './route-auth';

// OpenAPI 3.1 speaks JSON Schema 2020-12, which is what zod emits: no translation layer needed.
const schema = (type: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(type, { io, unrepresentable: 'any', target: 'draft-2020-12' });

export function buildOpenApiDocument(serverUrl = '/'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const fn of httpFunctions()) {
    const { route } = fn;
    const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    if (route.query) {
      const query = schema(route.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(query.properties ?? {})) parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema: s as { type: string } });
    }
    if (route.method === 'POST') parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } });
    paths[route.path] ??= {};
    paths[route.path][route.method.toLowerCase()] = {
      operationId: fn.entryPoint,
      summary: route.summary,
      'x-function-name': fn.name,
      // The route's declared authenticator, by its scheme name in components.securitySchemes.
      security: route.auth === 'none' ? [] : [{ [route.auth]: [] }],
      parameters,
      ...(route.request ? { requestBody: { required: true, content: { 'application/json': { schema: schema(route.request, 'input') } } } } : {}),
      responses: {
        [String(route.successStatus)]: { description: 'Success', content: { 'application/json': { schema: schema(route.response, 'output') } } },
        default: { description: 'Error', content: { 'application/json': { schema: schema(ErrorObject, 'output') } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Payments API', version: 'v1' },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: ROUTE_AUTH_SCHEMES },
    paths,
  };
}
