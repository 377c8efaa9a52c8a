import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { PubSub, type Message } from '@google-cloud/pubsub';
import { CloudTasksClient } from '@google-cloud/tasks';
import { Agent, request } from 'undici';
import { cloudTasksEmulatorClientOptions } from '../../../infra/cloud-tasks-emulator/emulator-client-options';
import { invocationsPerChain, messagesAtHop, subscriptionsOf, type NoopPlan } from './noop-plan';

// The no-op chain's functions, in their own process so its CPU is measured apart: one function served
// by the Functions Framework, entered over HTTP (as the API is), re-entered by Cloud Tasks once per task
// hop (each hop creating the next named task, as a chain step does) and by Pub/Sub pushes (a bridge like
// the local stack's). Messages are published with the same client settings as the outbox relay. Nothing
// is read or written anywhere else: this is the chain's transport and framework cost alone.
const plan = JSON.parse(process.env.NOOP_PLAN ?? '{}') as NoopPlan;
const projectId = process.env.GCLOUD_PROJECT ?? 'demo-payments';
const location = process.env.TASKS_LOCATION ?? 'us-central1';
const [tasksHost, tasksPort] = (process.env.CLOUD_TASKS_EMULATOR_HOST ?? '127.0.0.1:0').split(':');
const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const QUEUE = 'bench-noop-hops';
const TOPIC = 'bench-noop-events';
const pool = new Agent({ connections: 64, keepAliveTimeout: 30_000 });

async function main(): Promise<void> {
  const tasks = new CloudTasksClient(cloudTasksEmulatorClientOptions(tasksHost, Number(tasksPort)));
  const parent = tasks.queuePath(projectId, location, QUEUE);
  await tasks.createQueue({ parent: tasks.locationPath(projectId, location), queue: { name: parent, rateLimits: { maxConcurrentDispatches: 1000, maxDispatchesPerSecond: 500 } } }).catch(ignoreAlreadyExists);
  const pubsub = new PubSub({ projectId });
  const topic = pubsub.topic(TOPIC, { messageOrdering: true, batching: { maxMilliseconds: 5 } });
  if (plan.publishes > 0) {
    await pubsub.createTopic(TOPIC).catch(ignoreAlreadyExists);
    for (let s = 0; s < plan.subscriptions; s++) await pubsub.topic(TOPIC).createSubscription(`bench-noop-${s}`, { ackDeadlineSeconds: 60 }).catch(ignoreAlreadyExists);
  }

  const perChain = invocationsPerChain(plan);
  const invocations = new Map<number, number>();
  const invoked = (chain: number) => {
    const count = (invocations.get(chain) ?? 0) + 1;
    invocations.set(chain, count);
    if (count === perChain) {
      invocations.delete(chain);
      process.stdout.write(`done ${chain}\n`);
    }
  };
  let selfUrl = '';
  // One hop: publish this hop's messages, then hand the next hop its task.
  const hop = async (chain: number, at: number) => {
    for (const message of messagesAtHop(plan, at)) {
      await topic.publishMessage({ data: Buffer.from(JSON.stringify({ chain, message })), attributes: { deliver_to: subscriptionsOf(plan, message).join(',') }, orderingKey: `chain_${chain}` });
    }
    if (at < plan.taskHops) {
      const body = Buffer.from(JSON.stringify({ chain, hop: at + 1 })).toString('base64');
      await tasks.createTask({ parent, task: { name: `${parent}/tasks/${runId}-${chain}-${at + 1}`, httpRequest: { httpMethod: 'POST', url: `${selfUrl}/task`, headers: { 'content-type': 'application/json' }, body } } });
    }
  };
  functions.http('noopHop', (req, res) => {
    const body = req.body as { chain?: number; hop?: number; message?: { data?: string } };
    if (req.path === '/push') {
      const { chain } = JSON.parse(Buffer.from(body.message?.data ?? '', 'base64').toString('utf8')) as { chain: number };
      invoked(chain);
      return void res.status(204).end();
    }
    const chain = Number(body.chain);
    hop(chain, req.path === '/task' ? Number(body.hop) : 0)
      .then(() => {
        invoked(chain);
        res.status(200).json({ ok: true });
      })
      .catch((error: unknown) => res.status(500).json({ error: String(error) }));
  });
  const handler = getTestServer('noopHop');
  const server = http.createServer((req, res) => void handler.emit('request', req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  selfUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // The push subscriptions, played as the local stack's bridge plays them: pull, POST the envelope, ack on 2xx.
  const subscriptions = Array.from({ length: plan.subscriptions }, (_, s) => {
    const subscription = pubsub.subscription(`bench-noop-${s}`, { flowControl: { maxMessages: 64 } });
    subscription.on('message', (message: Message) => {
      if (!message.attributes.deliver_to.split(',').includes(String(s))) return void message.ack();
      const envelope = { message: { data: message.data.toString('base64'), attributes: message.attributes, messageId: message.id, publishTime: message.publishTime.toISOString() }, subscription: `projects/${projectId}/subscriptions/bench-noop-${s}` };
      request(`${selfUrl}/push`, { method: 'POST', dispatcher: pool, headers: { 'content-type': 'application/json' }, body: JSON.stringify(envelope) })
        .then(async (answer) => {
          await answer.body.dump();
          if (answer.statusCode < 300) message.ack();
          else message.nack();
        })
        .catch(() => message.nack());
    });
    return subscription;
  });
  process.once('SIGTERM', () => {
    setTimeout(() => process.exit(0), 2_000).unref();
    void Promise.all(subscriptions.map((s) => s.close()))
      .then(() => Promise.all([pubsub.close(), tasks.close()]))
      .finally(() => process.exit(0));
  });
  process.stdout.write(`${JSON.stringify({ ready: true, url: selfUrl })}\n`);
}

function ignoreAlreadyExists(error: { code?: number }): void {
  if (error.code !== 6) throw error;
}

main().catch((error) => {
  process.stderr.write(`no-op functions failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
