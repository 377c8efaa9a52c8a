import type { HttpFunction } from '@google-cloud/functions-framework';
import { buildOpenApiDocument } from '../../catalogue/openapi-document';

let document: Record<string, unknown> | undefined;

// Public and static: generated once per instance from the same schemas that validate requests.
export const getOpenApiHttp: HttpFunction = (_req, res) => {
  document ??= buildOpenApiDocument();
  res.status(200).json(document);
};
