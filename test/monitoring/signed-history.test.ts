import { generateKeyPairSync } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { checkpointType, sealEnvelope, type EventEnvelope } from '@upgrade-control/contracts';
import { trustedKeysFrom, verifyDetached, type TrustedKeys } from '@upgrade-control/platform';
import { InventoryModule } from '../../apps/inventory/src/inventory.module.js';
import { runAudit, verifyTopics } from '../../apps/monitoring/src/cli/audit.js';
import { MonitoringModule } from '../../apps/monitoring/src/monitoring.module.js';
import { databaseAsset } from '../support/asset-fixture.js';
import { eventually, kafkaBrokers, uniqueName } from '../support/environment.js';
import { startService, type RunningService } from '../support/service-app.js';

/** Signed history (ADR 20): checkpoints published by a service, and what they let an auditor detect. */
describe('signed history', () => {
  const prefix = `${uniqueName('signed')}.`;
  let inventory: RunningService;
  let monitoring: RunningService;
  const streamId = 'asset-sig-db-1';

  /** Monitoring's copy of the asset stream, as its audit endpoints read it. */
  const heldStream = async (): Promise<EventEnvelope[]> =>
    (
      await monitoring.app.get(DataSource).query(
        `SELECT envelope FROM record_events WHERE producer = 'inventory' AND envelope->>'streamId' = $1
           ORDER BY (envelope->>'streamVersion')::int`,
        [streamId],
      )
    ).map((r: { envelope: EventEnvelope }) => r.envelope);

  /** Inventory's checkpoints as monitoring heard them, with the version each signed for the asset stream. */
  const signedVersions = async (): Promise<number[]> =>
    (
      await monitoring.app
        .get(DataSource)
        .query(`SELECT envelope FROM record_events WHERE type = $1`, [checkpointType('inventory')])
    ).flatMap((r: { envelope: EventEnvelope<{ heads: { streamId: string; version: number }[] }> }) =>
      r.envelope.payload.heads.filter((h) => h.streamId === streamId).map((h) => h.version),
    );

  /** What a database administrator does: superuser, triggers off, each event re-sealed on a new chain. */
  async function rewriteAsAdministrator(
    databaseUrl: string,
    original: EventEnvelope[],
    write: (client: pg.Client, original: EventEnvelope, forged: EventEnvelope) => Promise<unknown>,
  ): Promise<void> {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      await admin.query('BEGIN');
      await admin.query('SET LOCAL session_replication_role = replica');
      let prevHash: string | null = null;
      for (const event of original) {
        const { hash: _hash, ...unhashed } = event;
        const forged: EventEnvelope = sealEnvelope({
          ...unhashed,
          actor: { id: 'mallory', role: 'planner' },
          prevHash,
        });
        prevHash = forged.hash;
        await write(admin, event, forged);
      }
      await admin.query('COMMIT');
    } finally {
      await admin.end();
    }
  }

  beforeAll(async () => {
    monitoring = await startService('monitoring', (env) => MonitoringModule.register(env), {
      KAFKA_TOPIC_PREFIX: prefix,
    });
    inventory = await startService('inventory', (env) => InventoryModule.register(env), {
      KAFKA_TOPIC_PREFIX: prefix,
      CHECKPOINT_INTERVAL_MS: '200',
    });
  });
  afterAll(async () => {
    await inventory?.close();
    await monitoring?.close();
  });

  it('a service signs the heads that moved and publishes the checkpoint through its outbox', async () => {
    await inventory.as('planner').post('/assets').send(databaseAsset('sig-db-1')).expect(201);
    await inventory.as('planner').patch('/assets/sig-db-1').send({ owner: 'platform-team' }).expect(200);
    // The checkpoint names version 2 once both events are in; monitoring hears it from Kafka.
    await eventually(async () => (await signedVersions()).includes(2), 30_000, 'a checkpoint of version 2');
    expect((await heldStream()).map((e) => e.streamVersion)).toEqual([1, 2]);
    const checkpoint = (await inventory.store.readStream('checkpoint-inventory')).at(-1)!;
    expect(checkpoint).toMatchObject({ producer: 'inventory', type: 'InventoryChainHeadsCheckpointed' });
    expect(checkpoint.payload).toMatchObject({ kid: 'development', signature: expect.stringMatching(/\.\./) });
  });

  it('the untouched history verifies clean, over Kafka and in monitoring’s database', async () => {
    const kafka = await verifyTopics(kafkaBrokers(), prefix);
    expect(kafka).toMatchObject({ ok: true, broken: [], checkpoints: { broken: [] } });
    expect(kafka.checkpoints.checkpoints).toBeGreaterThanOrEqual(1);
    const held = (await monitoring.as('auditor').get('/audit/verify').expect(200)).body;
    expect(held).toMatchObject({ ok: true, broken: [], checkpoints: { broken: [] } });
    expect(held.checkpoints.signedHeads).toBeGreaterThanOrEqual(1);
  });

  it('refuses checkpoints signed by a key other than the one trusted for the service', async () => {
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
    const env = { NODE_ENV: 'test', AUDIT_PUBLIC_KEYS: JSON.stringify({ inventory: { development: other } }) };
    const trusted: TrustedKeys = trustedKeysFrom(env);
    const result = await verifyTopics(kafkaBrokers(), prefix, { trusted });
    expect(result.ok).toBe(false);
    expect(result.checkpoints.broken[0]).toMatchObject({
      producer: 'inventory',
      streamId: 'checkpoint-inventory',
      problem: 'bad-signature',
      detail: 'inventory checkpoint: the signature does not verify with key "development"',
    });
    // The auditor's command says so with exit code 1.
    const out: string[] = [];
    const code = await runAudit(
      ['verify'],
      { ...env, KAFKA_BROKERS: kafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: prefix },
      (t) => out.push(t),
      () => undefined,
    );
    expect(code).toBe(1);
    expect(JSON.parse(out.join('')).checkpoints.broken).toEqual(
      expect.arrayContaining([expect.objectContaining({ problem: 'bad-signature' })]),
    );
  });

  it('detects a whole stream rewritten in the database with recomputed hashes', async () => {
    const original = await heldStream();
    await rewriteAsAdministrator(monitoring.db.url, original, (admin, event, forged) =>
      admin.query('UPDATE record_events SET envelope = $2 WHERE event_id = $1', [event.eventId, forged]),
    );
    const rewritten = await heldStream();
    expect(rewritten.map((e) => e.actor.id)).toEqual(['mallory', 'mallory']);

    const held = (await monitoring.as('auditor').get('/audit/verify').expect(200)).body;
    // The chain alone is consistent: only the signed checkpoint gives the rewrite away.
    expect(held.broken).toEqual([]);
    expect(held.ok).toBe(false);
    // Named at the lowest version a checkpoint signed (1 or 2, as the checkpointer's ticks fell).
    const [finding, ...more] = held.checkpoints.broken;
    expect(more).toEqual([]);
    const at = (finding.streamVersion as number) - 1;
    expect(finding).toEqual({
      producer: 'inventory',
      streamId,
      streamVersion: expect.any(Number),
      problem: 'rewritten',
      detail: expect.stringContaining(`with hash ${original[at]!.hash}, but it holds ${rewritten[at]!.hash}`),
    });
    // Kafka still holds what was published: the auditor's replay verifies clean.
    expect((await verifyTopics(kafkaBrokers(), prefix)).ok).toBe(true);
  });

  it('a service does not sign over a head rewritten in its own database, and reports it', async () => {
    const original = await inventory.store.readStreamRaw(streamId);
    await rewriteAsAdministrator(inventory.db.url, original, (admin, event, forged) =>
      admin.query('UPDATE events SET actor = $2, prev_hash = $3, hash = $4 WHERE event_id = $1', [
        event.eventId,
        forged.actor,
        forged.prevHash,
        forged.hash,
      ]),
    );
    const forgedHashes = new Set((await inventory.store.readStreamRaw(streamId)).map((e) => e.hash));
    expect(forgedHashes.has(original[0]!.hash)).toBe(false);
    // The checkpointer (every 200 ms here) finds the signed head gone and says so on /metrics.
    await eventually(
      async () =>
        /uc_security_findings_total\{[^}]*reason="signed-head-rewritten"[^}]*\} [1-9]/.test(
          (await inventory.anonymous.get('/metrics')).text,
        ),
      30_000,
      'the rewrite reported as a security finding',
    );
    const signedHashes = (await inventory.store.readStreamRaw('checkpoint-inventory')).flatMap((e) =>
      (e.payload as { heads: { streamId: string; hash: string }[] }).heads
        .filter((h) => h.streamId === streamId)
        .map((h) => h.hash),
    );
    expect(signedHashes.some((h) => forgedHashes.has(h))).toBe(false);
  });

  it('signs a record export over its exact body, for JSON and Markdown', async () => {
    const trusted = trustedKeysFrom({ NODE_ENV: 'test' }).get('monitoring')!;
    const upgradeId = (await heldStream())[0]!.correlationId;
    for (const accept of ['application/json', 'text/markdown']) {
      const response = await monitoring.as('auditor').get(`/records/${upgradeId}`).set('accept', accept).buffer(true);
      expect(response.status).toBe(200);
      const body = new TextEncoder().encode(response.text);
      const signature = response.headers['x-record-signature'] as string;
      expect(await verifyDetached(signature, body, trusted)).toEqual({ ok: true, kid: 'development' });
      const altered = new TextEncoder().encode(`${response.text} `);
      expect(await verifyDetached(signature, altered, trusted)).toMatchObject({ ok: false, problem: 'bad-signature' });
    }
  });
});
