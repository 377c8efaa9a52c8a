import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export interface LocalPorts {
  firestore: number;
  pubsub: number;
  auth: number;
  tasks: number;
  processor: number;
  functions: number;
  api: number;
}

const Port = z.object({ port: z.number().int().positive() });
const FirebaseJson = z.object({
  emulators: z.object({ firestore: Port, pubsub: Port, auth: Port, tasks: Port, functions: Port, hosting: Port }),
  sandbox: z.object({ processor: Port }),
});

/** The fixed ports of `npm start` come from firebase.json, like the Firebase tooling's. */
export function portsFromFirebaseJson(repoRoot = path.resolve(__dirname, '..', '..')): LocalPorts {
  const config = FirebaseJson.parse(JSON.parse(readFileSync(path.join(repoRoot, 'firebase.json'), 'utf8')));
  return {
    firestore: config.emulators.firestore.port,
    pubsub: config.emulators.pubsub.port,
    auth: config.emulators.auth.port,
    tasks: config.emulators.tasks.port,
    functions: config.emulators.functions.port,
    api: config.emulators.hosting.port,
    processor: config.sandbox.processor.port,
  };
}
