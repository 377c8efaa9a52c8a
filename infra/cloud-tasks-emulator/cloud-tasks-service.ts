import * as grpc from '@grpc/grpc-js';
import type { EmulatorLog, QueueRecord, Result } from './emulator-types';
import { newTaskFromProto, paginate, queueToProto, taskToProto, type ProtoTask } from './proto-mapper';
import type { QueueStore } from './queue-store';
import { applyQueueUpdate, settingsForNewQueue, type ProtoQueue } from './queue-update';
import type { TaskDispatcher } from './task-dispatcher';

/** Decoded request messages are loosely typed; each handler reads only the fields it needs. */
type Req = Record<string, any>;
type Handler = (request: Req) => Result<unknown>;

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

function unary(handler: Handler, log: EmulatorLog): grpc.handleUnaryCall<Req, unknown> {
  return (call, callback) => {
    try {
      const result = handler(call.request);
      if (result.ok) callback(null, result.value);
      else callback({ code: result.code, details: result.message, name: 'EmulatorError', message: result.message });
    } catch (error) {
      log({ severity: 'ERROR', event: 'handler_crashed', method: call.getPath(), error: String(error) });
      callback({ code: grpc.status.INTERNAL, details: String(error), name: 'EmulatorError', message: String(error) });
    }
  };
}

function unimplemented(method: string): grpc.handleUnaryCall<Req, unknown> {
  return (_call, callback) =>
    callback({ code: grpc.status.UNIMPLEMENTED, details: `${method} is not implemented by the emulator`, name: 'EmulatorError', message: method });
}

/** Handlers for google.cloud.tasks.v2.CloudTasks, keyed by method name. */
export function cloudTasksHandlers(
  store: QueueStore,
  dispatcher: TaskDispatcher,
  log: EmulatorLog,
  now: () => number = Date.now,
): grpc.UntypedServiceImplementation {
  const withQueue = (name: string, then: (q: QueueRecord) => Result<unknown>) => {
    const found = store.getQueue(name);
    return found.ok ? then(found.value) : found;
  };

  const handlers: Record<string, Handler> = {
    ListQueues: (r) => {
      const { page, nextPageToken } = paginate(store.listQueues(r.parent), r.pageSize, r.pageToken);
      return ok({ queues: page.map(queueToProto), nextPageToken });
    },
    GetQueue: (r) => withQueue(r.name, (q) => ok(queueToProto(q))),
    CreateQueue: (r) => {
      const queue = (r.queue ?? {}) as ProtoQueue;
      const settings = settingsForNewQueue(queue);
      const created = store.createQueue(r.parent, queue.name ?? '', settings.rateLimits, settings.retry);
      return created.ok ? ok(queueToProto(created.value)) : created;
    },
    UpdateQueue: (r) => {
      const update = (r.queue ?? {}) as ProtoQueue;
      const found = store.getOrCreateQueue(update.name ?? '');
      if (!found.ok) return found;
      const queue = found.value;
      const next = applyQueueUpdate({ rateLimits: queue.rateLimits, retry: queue.retry }, update, r.updateMask?.paths);
      queue.rateLimits = next.rateLimits;
      queue.retry = next.retry;
      dispatcher.queueChanged(queue);
      return ok(queueToProto(queue));
    },
    DeleteQueue: (r) => {
      const deleted = store.deleteQueue(r.name);
      if (!deleted.ok) return deleted;
      dispatcher.queueDeleted(deleted.value);
      return ok({});
    },
    PurgeQueue: (r) =>
      withQueue(r.name, (q) => {
        for (const task of [...q.tasks.values()]) {
          dispatcher.cancel(task);
          store.removeTask(task);
        }
        q.purgeTimeMs = now();
        return ok(queueToProto(q));
      }),
    PauseQueue: (r) =>
      withQueue(r.name, (q) => {
        q.state = 'PAUSED';
        return ok(queueToProto(q));
      }),
    ResumeQueue: (r) =>
      withQueue(r.name, (q) => {
        q.state = 'RUNNING';
        dispatcher.queueChanged(q);
        return ok(queueToProto(q));
      }),
    ListTasks: (r) =>
      withQueue(r.parent, (q) => {
        const { page, nextPageToken } = paginate([...q.tasks.values()], r.pageSize, r.pageToken);
        return ok({ tasks: page.map((t) => taskToProto(t, r.responseView)), nextPageToken });
      }),
    GetTask: (r) => {
      const found = store.getTask(r.name);
      return found.ok ? ok(taskToProto(found.value, r.responseView)) : found;
    },
    CreateTask: (r) =>
      withQueue(r.parent, (q) => {
        const spec = newTaskFromProto(r.task as ProtoTask);
        if (!spec.ok) return spec;
        const created = store.addTask(q, spec.value);
        if (!created.ok) return created;
        // Answer with the task as created, before a due-now task is dispatched.
        const answer = taskToProto(created.value, r.responseView);
        dispatcher.schedule(created.value);
        return ok(answer);
      }),
    DeleteTask: (r) => {
      const found = store.getTask(r.name);
      if (!found.ok) return found;
      dispatcher.cancel(found.value);
      store.removeTask(found.value);
      return ok({});
    },
    RunTask: (r) => {
      const found = store.getTask(r.name);
      if (!found.ok) return found;
      dispatcher.runNow(found.value);
      return ok(taskToProto(found.value, r.responseView));
    },
  };

  const implementation: grpc.UntypedServiceImplementation = {};
  for (const method of ['GetIamPolicy', 'SetIamPolicy', 'TestIamPermissions']) implementation[method] = unimplemented(method);
  for (const [method, handler] of Object.entries(handlers)) implementation[method] = unary(handler, log);
  return implementation;
}
