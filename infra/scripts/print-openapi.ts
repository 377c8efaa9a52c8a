import { buildOpenApiDocument } from '../../functions/src/catalogue/openapi-document';

// `npm run openapi [-- <server url>]`: prints the OpenAPI 3.1 document that GET /v1/openapi.json
// serves, generated from the function catalogue and the same zod schemas that validate requests.

export function openApiJson(serverUrl = '/'): string {
  return `${JSON.stringify(buildOpenApiDocument(serverUrl), null, 2)}\n`;
}

if (require.main === module) process.stdout.write(openApiJson(process.argv[2]));
