import { z } from 'zod';
import { ErrorObject } from '../contracts/payments-api.v1';
import { httpFunctions } from './function-catalogue';
import { ROUTE_AUTH_SCHEMES } from './route-auth';
import { accessOf, API_KEY_SCOPES, MERCHANT_ROLES, roleAllows, scopesAllow, type RouteAccess } from '../shared/merchant-access';

const TEAM_MEMBER_SCHEME = {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description: "Firebase ID token of a member of the merchant's team (`Authorization: Bearer <id token>`): the membership gives the account, the mode and the role; `x-access.roles` lists the roles the operation allows.",
};

/** Who may call a merchant operation: the roles, the restricted-key scopes, and whether the secret key may. */
const describeAccess = (access: RouteAccess) => ({
  resource: access.resource,
  action: access.action,
  roles: MERCHANT_ROLES.filter((role) => roleAllows(role, access)),
  restricted_key_scopes: API_KEY_SCOPES.filter((scope) => scopesAllow([scope], access)),
  secret_key: access.resource !== 'api_keys',
});

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
    if (route.method === 'POST' && route.idempotencyKey !== false) parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } });
    const access = accessOf(route) && describeAccess(accessOf(route)!);
    paths[route.path] ??= {};
    paths[route.path][route.method.toLowerCase()] = {
      operationId: fn.entryPoint,
      summary: route.summary,
      'x-function-name': fn.name,
      // The route's declared authenticator, by its scheme name in components.securitySchemes; merchant
      // routes also take a team member's ID token, and list who may call them (x-access).
      security: route.auth === 'none' ? [] : route.auth === 'merchant_key' ? [{ merchant_key: [] }, { team_member: [] }] : [{ [route.auth]: [] }],
      ...(access ? { 'x-access': access } : {}),
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
    components: { securitySchemes: { ...ROUTE_AUTH_SCHEMES, team_member: TEAM_MEMBER_SCHEME } },
    paths,
  };
}
