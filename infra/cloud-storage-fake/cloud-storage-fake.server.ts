import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { CRC32C } from '@google-cloud/storage';

// A few routes of the Cloud Storage JSON API, in memory: enough for `@google-cloud/storage`'s
// `file.save({resumable: false})`, `file.download()` and `file.getMetadata()`, so tests run the
// production bucket adapters against the real client library (no Cloud Storage emulator exists as a
// package). Not a general emulator: no listing, no resumable uploads, no preconditions.
interface StoredObject {
  readonly bytes: Buffer;
  readonly generation: number;
  readonly updated: string;
  readonly contentType: string;
}

export interface CloudStorageFake {
  readonly url: string;
  readonly objects: Map<string, StoredObject>;
  close(): Promise<void>;
}

const body = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** multipart/related: a JSON metadata part, then the content part. */
function parseMultipart(raw: Buffer, contentType: string): { metadata: Record<string, unknown>; content: Buffer } {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) throw new Error('no boundary');
  const parts = raw.toString('latin1').split(`--${boundary}`).slice(1, -1);
  const [meta, content] = parts.map((part) => part.slice(part.indexOf('\r\n\r\n') + 4, part.endsWith('\r\n') ? -2 : undefined));
  return { metadata: JSON.parse(meta) as Record<string, unknown>, content: Buffer.from(content, 'latin1') };
}

const crc32cOf = (bytes: Buffer): string => {
  const crc = new CRC32C();
  crc.update(bytes);
  return crc.toString();
};

export async function startCloudStorageFake(host = '127.0.0.1'): Promise<CloudStorageFake> {
  const objects = new Map<string, StoredObject>();
  let generation = 1_000;
  const resource = (bucket: string, name: string, o: StoredObject) => ({
    kind: 'storage#object', bucket, name, id: `${bucket}/${name}/${o.generation}`, size: String(o.bytes.length), md5Hash: createHash('md5').update(o.bytes).digest('base64'), crc32c: crc32cOf(o.bytes), generation: String(o.generation), updated: o.updated, contentType: o.contentType,
  });
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
    if (req.method === 'POST' && upload) {
      const { metadata, content } = parseMultipart(await body(req), req.headers['content-type'] ?? '');
      const name = String(metadata.name ?? url.searchParams.get('name'));
      const stored = { bytes: content, generation: ++generation, updated: new Date().toISOString(), contentType: String(metadata.contentType ?? 'application/octet-stream') };
      objects.set(`${upload[1]}/${name}`, stored);
      return send(200, resource(upload[1], name, stored));
    }
    const object = /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(url.pathname);
    if (req.method === 'GET' && object) {
      const name = decodeURIComponent(object[2]);
      const stored = objects.get(`${object[1]}/${name}`);
      if (!stored) return send(404, { error: { code: 404, message: `No such object: ${object[1]}/${name}` } });
      if (url.searchParams.get('alt') === 'media') {
        res.writeHead(200, { 'content-type': stored.contentType, 'content-length': stored.bytes.length });
        return void res.end(stored.bytes);
      }
      return send(200, resource(object[1], name, stored));
    }
    send(404, { error: { code: 404, message: `not emulated: ${req.method} ${url.pathname}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}`, objects, close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // the client keeps connections alive
    }),
  };
}
