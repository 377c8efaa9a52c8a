import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { httpFunctions } from '../../functions/src/catalogue/function-catalogue';

const ROOT = join(__dirname, '..', '..');

describe('npm run openapi', () => {
  it('prints the OpenAPI document with every catalogue route and the server it is given', () => {
    const out = execFileSync('npm', ['run', '--silent', 'openapi', '--', 'https://api.example.com'], { cwd: ROOT, encoding: 'utf8' });
    const doc = JSON.parse(out) as { openapi: string; servers: Array<{ url: string }>; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: 'https://api.example.com' }]);
    for (const { route } of httpFunctions()) expect(doc.paths[route.path]?.[route.method.toLowerCase()]).toBeDefined();
  }, 60_000);
});
