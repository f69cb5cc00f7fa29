import { DataSource } from 'typeorm';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import type { ServiceName } from '@upgrade-control/contracts';
import { InventoryModule } from '../../apps/inventory/src/inventory.module.js';
import { PlanningModule } from '../../apps/planning/src/planning.module.js';
import { verifyTopics } from '../../apps/monitoring/src/cli/audit.js';
import { databaseAsset } from '../support/asset-fixture.js';
import { eventually } from '../support/environment.js';
import { startSecureBroker, type SecureBroker } from '../support/secure-broker.js';
import { startService, type RunningService } from '../support/service-app.js';

// The services against a broker that takes only SASL/SCRAM-SHA-512 over TLS and checks ACLs
// (KAFKA_SECURITY=scram-tls scripts/kafka.sh, ADR 0018), each service as its own Kafka user.

describe('Kafka with SCRAM over TLS and ACLs', () => {
  let broker: SecureBroker;
  let inventory: RunningService;
  let planning: RunningService;

  /** What a service is given: the broker, the CA, its own user, and the topic and group names the ACLs name. */
  const secureEnv = (service: ServiceName): Record<string, string> => ({
    KAFKA_BROKERS: broker.brokers.join(','),
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_FILE: broker.caFile,
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: broker.clientEnv[`${service.toUpperCase()}_KAFKA_SASL_USERNAME`]!,
    KAFKA_SASL_PASSWORD: broker.clientEnv[`${service.toUpperCase()}_KAFKA_SASL_PASSWORD`]!,
    KAFKA_TOPIC_PREFIX: '',
    KAFKA_CONSUMER_GROUP: service,
  });
  /** A bare kafkajs client that fails at once instead of retrying. */
  const client = (config: Partial<KafkaConfig>) =>
    new Kafka({
      clientId: 'scram-tls-test',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 3000,
      ...config,
    });
  const asUser = (principal: string, password?: string) => {
    const { tls, sasl } = broker.security(principal, password);
    return client({ ssl: { ca: tls!.ca }, sasl: sasl! });
  };

  beforeAll(async () => {
    broker = await startSecureBroker();
    inventory = await startService('inventory', (env) => InventoryModule.register(env), secureEnv('inventory'));
    planning = await startService('planning', (env) => PlanningModule.register(env), secureEnv('planning'));
  }, 240_000);
  afterAll(async () => {
    await planning?.close();
    await inventory?.close();
    await broker?.stop();
  }, 60_000);

  it('carries an asset registered in inventory to planning, and the audit user reads the chains', async () => {
    await inventory.as('planner').post('/assets').send(databaseAsset('scram-db')).expect(201);
    const projected = planning.app.get(DataSource);
    await eventually(
      async () =>
        (await projected.query(`SELECT count(*)::int AS n FROM inventory_assets WHERE asset_id = 'scram-db'`))[0].n ===
        1,
      30_000,
      'planning to see the asset',
    );
    const audit = await verifyTopics(broker.brokers, '', { security: broker.security('audit') });
    expect(audit.ok).toBe(true);
    expect(audit.unreadable).toBe(0);
  });

  it('refuses a client with a wrong password', async () => {
    const admin = asUser('inventory', 'not-the-password').admin();
    await expect(admin.connect()).rejects.toThrow(/SASL SCRAM SHA512 authentication failed/);
  });

  it('refuses a plaintext client on the TLS listener', async () => {
    const admin = client({}).admin();
    await expect(admin.connect()).rejects.toThrow(/Connection|closed|timeout/i);
  });

  it('refuses a TLS client that does not trust the broker certificate (verification is on)', async () => {
    const { sasl } = broker.security('inventory');
    const admin = client({ ssl: true, sasl: sasl! }).admin();
    await expect(admin.connect()).rejects.toThrow(/self[- ]signed certificate/);
  });

  it("refuses a service's user writing another service's topic (ACL)", async () => {
    const producer = asUser('inventory').producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      const refusal = await producer
        .send({ topic: 'monitoring.events', messages: [{ key: 'forged', value: '{}' }] })
        .then(
          () => null,
          (error: { type?: string; message: string }) => error,
        );
      expect(refusal).toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
      expect(refusal!.message).toMatch(/Not authorized to access topics/);
    } finally {
      await producer.disconnect();
    }
  });
});
