import { PubSub, type Message } from '@google-cloud/pubsub';
import type { RunningEmulator } from './emulator-process';
import { processGroupAlive } from './group-probe.test-helper';
import { httpCall } from './http-probe';
import { startPubsubEmulator } from './pubsub-emulator.launcher';

const PROJECT_ID = 'demo-emulator-launcher';
const BOOT_TIMEOUT_MS = 90_000;

describe('startPubsubEmulator', () => {
  let emulator: RunningEmulator;
  let pubsub: PubSub | undefined;

  beforeAll(async () => {
    emulator = await startPubsubEmulator({ projectId: PROJECT_ID });
  }, BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await pubsub?.close();
    await emulator?.stop();
  }, BOOT_TIMEOUT_MS);

  it('is ready on a free loopback port when the promise resolves', async () => {
    // then its REST gateway lists the project's topics
    const answer = await httpCall('GET', `http://${emulator.hostPort}/v1/projects/${PROJECT_ID}/topics`, 2_000);
    expect(answer?.status).toBe(200);
  });

  it('delivers a published message to a subscription', async () => {
    // given a topic with a subscription, reached through apiEndpoint (emulator mode, no TLS or auth)
    // No GCE metadata server on a dev box: skip google-auth's probe for one (it only warns).
    process.env.METADATA_SERVER_DETECTION = 'none';
    pubsub = new PubSub({ projectId: PROJECT_ID, apiEndpoint: emulator.hostPort });
    const [topic] = await pubsub.createTopic('payments-captured');
    const [subscription] = await topic.createSubscription('ledger-writer');
    const received = new Promise<Message>((resolve) => subscription.once('message', resolve));

    // when a message is published
    await topic.publishMessage({ data: Buffer.from('{"paymentId":"p-1"}'), attributes: { kind: 'captured' } });

    // then the subscriber receives it intact
    const message = await received;
    message.ack();
    await subscription.close();
    expect(message.data.toString()).toBe('{"paymentId":"p-1"}');
    expect(message.attributes).toEqual({ kind: 'captured' });
  }, 30_000);

  it('stop() leaves no process of its group behind', async () => {
    // when the running emulator is stopped
    await pubsub?.close();
    pubsub = undefined;
    await emulator.stop();

    // then no process of its group survives
    expect(processGroupAlive(emulator.pid)).toBe(false);
  }, BOOT_TIMEOUT_MS);
});
