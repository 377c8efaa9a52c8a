import fs from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/**
 * Finds a package's root directory from its resolvable entry point. Packages such as
 * @google-cloud/tasks and google-gax do not export `./package.json`, so we walk up from `main`.
 */
function packageRoot(name: string, fromPaths?: string[]): string {
  let dir = path.dirname(require.resolve(name, fromPaths ? { paths: fromPaths } : undefined));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string };
      if (parsed.name === name) return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot locate package root of ${name}`);
    dir = parent;
  }
}

export interface CloudTasksProtoPaths {
  files: string[];
  includeDirs: string[];
}

/** Proto files of the v2 API as shipped by the installed client, so server and client agree on the wire. */
export function cloudTasksProtoPaths(): CloudTasksProtoPaths {
  const tasksRoot = packageRoot('@google-cloud/tasks');
  // Resolve google-gax as the client sees it, in case npm nests a different version under it.
  const gaxRoot = packageRoot('google-gax', [tasksRoot]);
  const tasksProtos = path.join(tasksRoot, 'build', 'protos');
  const v2 = path.join(tasksProtos, 'google', 'cloud', 'tasks', 'v2');
  const files = ['cloudtasks.proto', 'queue.proto', 'task.proto', 'target.proto'].map((f) => path.join(v2, f));
  const includeDirs = [tasksProtos, path.join(gaxRoot, 'build', 'protos'), packageRoot('protobufjs')];
  return { files, includeDirs };
}

export const CLOUD_TASKS_SERVICE = 'google.cloud.tasks.v2.CloudTasks';

let cached: grpc.ServiceDefinition | undefined;

/**
 * Loads the CloudTasks service definition. Decoded messages use camelCase fields, enums as
 * strings, int64 as numbers and bytes as Buffers; absent fields stay absent so that merges
 * (UpdateQueue) can tell "not given" from "given".
 */
export function loadCloudTasksService(): grpc.ServiceDefinition {
  if (cached) return cached;
  const { files, includeDirs } = cloudTasksProtoPaths();
  const definition = protoLoader.loadSync(files, {
    includeDirs,
    keepCase: false,
    longs: Number,
    enums: String,
    bytes: Buffer,
    defaults: false,
    oneofs: true,
  });
  const service = definition[CLOUD_TASKS_SERVICE];
  // Message and enum definitions carry a `format` key; a service definition is a map of methods.
  if (!service || 'format' in service) {
    throw new Error(`${CLOUD_TASKS_SERVICE} not found in loaded protos`);
  }
  cached = service as grpc.ServiceDefinition;
  return cached;
}
