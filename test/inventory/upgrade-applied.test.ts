import { sealEnvelope, toKafkaRecord } from '@upgrade-control/contracts';
import { uuidv7 } from '@upgrade-control/platform';
import { eventually } from '../support/environment.js';
import { sendRaw } from '../support/kafka.js';
import { useInventoryLandscape } from './inventory-landscape.js';

/** Execution's UpgradeApplied moves an asset's version, once however often it is delivered. */
describe('inventory follows applied upgrades', () => {
  const service = useInventoryLandscape();

  it('moves an asset version once when execution’s UpgradeApplied arrives twice', async () => {
    const applied = sealEnvelope({
      eventId: uuidv7(),
      type: 'UpgradeApplied',
      schemaVersion: 1,
      streamId: 'execution-up-42',
      // The first event inventory hears of execution's stream (it consumes nothing else of it
      // here): a later version, adopted as the stream's first link (ADR 19), so it names a prevHash.
      streamVersion: 4,
      occurredAt: '2026-11-25T22:10:00.000Z',
      producer: 'execution',
      correlationId: 'up-42',
      causationId: null,
      actor: { id: 'oscar', role: 'operator' },
      prevHash: 'c'.repeat(64),
      payload: {
        upgradeId: 'up-42',
        installed: [{ assetId: 'orders-db-hamburg', version: '16.2' }],
        appliedAt: '2026-11-25T22:10:00.000Z',
      },
    });
    const record = toKafkaRecord(applied);
    await sendRaw(service.inventory.topic('execution'), [record, record]);
    const asset = await eventually(
      async () => {
        const { body } = await service.inventory.as('observer').get('/assets/orders-db-hamburg');
        return body.version === '16.2' ? body : null;
      },
      30_000,
      'the version to move',
    );
    expect(asset.versionChangedBy).toBe(applied.eventId);
    await new Promise((r) => setTimeout(r, 1000));
    const changes = (await service.inventory.store.readStream('asset-orders-db-hamburg')).filter(
      (e) => e.type === 'AssetVersionChanged',
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      correlationId: 'up-42',
      causationId: applied.eventId,
      actor: { role: 'system' },
      payload: { fromVersion: '15.4', toVersion: '16.2', reason: 'upgrade-applied' },
    });
  });
});
