import http from 'node:http';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { FUNCTION_CATALOGUE, httpFunctions, matchPath } from '../../functions/src/catalogue/function-catalogue';
import { errorBody, apiError } from '../../functions/src/shared/api-error';
import { declaredTooLarge, refuseTooLargeBody } from '../../functions/src/platform/http/body-limit';

// Serves every catalogue function through the Functions Framework, as Cloud Functions would:
// `/<function-name>` is the function's own URL (what Cloud Tasks, Pub/Sub and Scheduler call),
// and the API port plays API Gateway, routing `/v1/...` by method and path to the right function.
export interface FunctionsHost {
  functionsUrl: string;
  apiUrl: string;
  close(): Promise<void>;
}

type Dispatch = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export async function startFunctionsHost(opts: { host: string; functionsPort: number; apiPort: number }): Promise<FunctionsHost> {
  // Registers every function with the Functions Framework.
  await import('../../functions/src/index');
  const dispatchers = new Map<string, Dispatch>();
  for (const spec of FUNCTION_CATALOGUE) {
    const server = getTestServer(spec.entryPoint);
    dispatchers.set(spec.name, (req, res) => server.emit('request', req, res));
  }

  const functionsServer = http.createServer((req, res) => {
    const [, name, ...rest] = (req.url ?? '/').split('/');
    const dispatch = dispatchers.get(name.split('?')[0]);
    if (!dispatch) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such function"}');
    req.url = `/${rest.join('/')}`;
    dispatch(req, res);
  });

  const apiServer = http.createServer((req, res) => {
    // The gateway refuses a declared oversized body without reading it; a chunked one is counted
    // and cut off by the function's body parser (tolerant-json-body.ts), as in production.
    if (declaredTooLarge(req.headers['content-length'])) {
      return refuseTooLargeBody(req, res);
    }
    const path = (req.url ?? '/').split('?')[0];
    const routes = httpFunctions().filter((f) => matchPath(f.route.path, path));
    const fn = routes.find((f) => f.route.method === req.method) ?? routes[0];
    if (!fn) {
      const body = errorBody(apiError(404, 'invalid_request_error', 'resource_missing', `Unrecognized request URL (${req.method}: ${path}).`));
      return void res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }
    dispatchers.get(fn.name)!(req, res);
  });

  await Promise.all([listen(functionsServer, opts.host, opts.functionsPort), listen(apiServer, opts.host, opts.apiPort)]);
  const port = (s: http.Server) => (s.address() as { port: number }).port;
  return {
    functionsUrl: `http://${opts.host}:${port(functionsServer)}`,
    apiUrl: `http://${opts.host}:${port(apiServer)}`,
    close: async () => {
      await Promise.all([close(functionsServer), close(apiServer)]);
    },
  };
}

const listen = (server: http.Server, host: string, port: number) => new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
const close = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
