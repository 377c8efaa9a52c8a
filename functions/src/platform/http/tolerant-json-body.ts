// The Functions Framework parses JSON bodies before our code runs, and a malformed body would be
// answered by Express with an HTML 400. Merchants must always get our error object, so a parse
// failure is turned into a flag on the request that the API handler answers properly.
const FLAG = Symbol.for('payments.jsonParseFailed');
let installed = false;

type Middleware = (req: object, res: unknown, next: (error?: unknown) => void) => void;

export function installTolerantJsonBodyParser(): void {
  if (installed) return;
  installed = true;
  const path = require.resolve('body-parser', { paths: [require.resolve('@google-cloud/functions-framework')] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bodyParser = require(path) as { json: (options: unknown) => Middleware };
  const original = bodyParser.json;
  bodyParser.json = (options: unknown): Middleware => {
    const parse = original(options);
    return (req, res, next) =>
      parse(req, res, (error?: unknown) => {
        if ((error as { type?: string } | undefined)?.type === 'entity.parse.failed') {
          (req as Record<symbol, boolean>)[FLAG] = true;
          return next();
        }
        return next(error);
      });
  };
}

export const jsonParseFailed = (req: object): boolean => (req as Record<symbol, boolean>)[FLAG] === true;
