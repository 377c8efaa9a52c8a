import { createServer } from 'node:net';

/**
 * Asks the OS for a currently unused TCP port on `host`. The port is released before returning,
 * so another process may grab it first; launchers retry on bind failures for that reason.
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close((closeError) => {
        if (closeError) reject(closeError);
        else if (port === 0) reject(new Error(`Could not determine a free port on ${host}`));
        else resolve(port);
      });
    });
  });
}
