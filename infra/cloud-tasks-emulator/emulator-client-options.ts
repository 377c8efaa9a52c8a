import * as grpc from '@grpc/grpc-js';

/**
 * Options for `new CloudTasksClient(...)` that point it at the emulator.
 *
 * - `sslCreds` insecure: google-gax uses these credentials as given and never asks for a token.
 * - `universeDomain`: before creating its stub, google-gax compares the configured universe with
 *   the one from Application Default Credentials; setting it explicitly short-circuits that
 *   lookup, which would otherwise probe the GCE metadata server on machines without credentials.
 * - `projectId`: keeps the client from detecting a project through the same ADC path.
 */
export function cloudTasksEmulatorClientOptions(host: string, port: number) {
  return {
    apiEndpoint: host,
    port,
    sslCreds: grpc.credentials.createInsecure(),
    projectId: 'demo',
    universeDomain: 'googleapis.com',
  };
}
