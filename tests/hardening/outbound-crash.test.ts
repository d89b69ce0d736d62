import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import { tempDir, codeOf } from '../utils/hub.js';
import { testDatabase } from '../utils/services.js';
import { spawnHub, type ProcessHub } from '../utils/process-hub.js';
import { startHttpReceiver, eventually } from '../utils/receivers.js';

/**
 * The real hub process killed (kill -9) between the commit of a write and the delivery it caused:
 * the delivery was committed with the write, so the restarted hub sends it, with the same id.
 */
const SECRET = 'endpoint-secret-0123456789';

// The SQLite pass only: a process that starts on a SQLite file owns it and frees a dead one's claims at
// once; on PostgreSQL a dead process's claim is retried when its lease (5 minutes) ends.
describe.runIf(testDatabase() === 'sqlite')('outbound delivery across a crash', { timeout: 180_000 }, () => {
  const dir = tempDir('voc-hub-outbound-crash-');
  let hub: ProcessHub | null = null;
  let receiver: Awaited<ReturnType<typeof startHttpReceiver>> | null = null;
  afterAll(async () => {
    await hub?.stop();
    await receiver?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a hub killed while a delivery is in flight delivers it after restart, same idempotency id', async () => {
    receiver = await startHttpReceiver();
    const env = {
      DATA_DIR: dir,
      HUB_DEMO: '1',
      DEMO_FEEDBACK: '30',
      DEMO_CONTACTS: '10',
      OUTBOUND_POLL_SECONDS: '0.2',
      DEADLINE_SCAN_SECONDS: '0',
    };
    hub = await spawnHub('outbound-crash-1', env, { startMs: 120_000 });
    const admin = await hub.login('admin');
    const reg = await hub.gql(admin, 'mutation($i: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $i) { id } }', {
      i: { name: 'crash', url: `${receiver.url}/hooks/crash`, format: 'SIGNED_JSON', secret: SECRET, eventTypes: ['VIEW_SAVED'] },
    });
    expect(codeOf(reg)).toBeUndefined();
    receiver.state.hang = true;
    const saved = await hub.gql(admin, 'mutation($i: CreateViewInput!) { createView(input: $i) { id } }', {
      i: { list: 'INBOX', name: '崩溃前', filter: JSON.stringify({ kind: ['PROBLEM'] }) },
    });
    expect(codeOf(saved)).toBeUndefined();
    // The write committed and its delivery is in flight: the receiver holds the post unanswered.
    const inFlight = await eventually(() => receiver!.received.find((r) => r.path === '/hooks/crash'), 20_000, 'the first attempt');
    const id = inFlight.headers['idempotency-key'];
    expect(id).toMatch(/^dlv_/);
    await hub.kill();
    hub = null;
    receiver.state.hang = false;
    hub = await spawnHub('outbound-crash-2', env, { startMs: 120_000 });
    const after = await eventually(
      () => receiver!.received.find((r) => r.path === '/hooks/crash' && r.status === 200),
      30_000,
      'the delivery after restart',
    );
    expect(after.headers['idempotency-key']).toBe(id);
    expect(after.body).toBe(inFlight.body);
    const admin2 = await hub.login('admin');
    const log = await hub.gql(admin2, '{ deliveries { id status attempts } }');
    expect(log.data?.deliveries).toEqual([{ id, status: 'DELIVERED', attempts: 1 }]);
  });
});
