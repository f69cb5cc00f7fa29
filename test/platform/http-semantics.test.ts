import request from 'supertest';
import { DataSource } from 'typeorm';
import { InventoryModule } from '../../apps/inventory/src/inventory.module.js';
import { eventually } from '../support/environment.js';
import { databaseAsset } from '../support/asset-fixture.js';
import { expectProblem } from '../support/problems.js';
import { KEYS, startService, type RunningService } from '../support/service-app.js';

// ADR 22: what clients rely on beyond the bodies: Location, ETag/If-Match, Idempotency-Key, pages.

const register = (env: NodeJS.ProcessEnv) => InventoryModule.register(env);

describe('HTTP semantics', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService('inventory', register);
  });
  afterAll(() => service?.close());

  describe('201, Location and ETag', () => {
    it('answers a registration with 201 and a Location that GETs the asset, its ETag the stream version', async () => {
      const created = await service.as('planner').post('/assets').send(databaseAsset('loc-1')).expect(201);
      expect(created.headers.location).toBe('/assets/loc-1');
      const read = await service.as('observer').get(created.headers.location).expect(200);
      expect(read.body.assetId).toBe('loc-1');
      expect(read.headers.etag).toBe('"1"');
    });

    it('moves the ETag with a write and answers 304 to an If-None-Match naming the current one', async () => {
      await service.as('planner').post('/assets').send(databaseAsset('etag-1')).expect(201);
      await service.as('planner').patch('/assets/etag-1').set('If-Match', '"1"').send({ owner: 'sre' }).expect(200);
      const read = await service.as('observer').get('/assets/etag-1').expect(200);
      expect(read.headers.etag).toBe('"2"');
      const unchanged = await service.as('observer').get('/assets/etag-1').set('If-None-Match', '"2"').expect(304);
      expect(unchanged.text ?? '').toBe('');
      await service.as('observer').get('/assets/etag-1').set('If-None-Match', '"1"').expect(200);
    });

    it('answers an action with 200 and no Location', async () => {
      await service.as('planner').post('/assets').send(databaseAsset('act-1')).expect(201);
      const retired = await service.as('operator').post('/assets/act-1/retire').send({ reason: 'gone' }).expect(200);
      expect(retired.headers.location).toBeUndefined();
    });
  });

  describe('If-Match', () => {
    it('refuses a write whose If-Match names an older version with 412, both versions named, nothing written', async () => {
      await service.as('planner').post('/assets').send(databaseAsset('stale-1')).expect(201);
      await service.as('planner').patch('/assets/stale-1').send({ owner: 'a' }).expect(200);
      const before = await service.eventCount();
      const stale = await service.as('planner').patch('/assets/stale-1').set('If-Match', '"1"').send({ owner: 'b' });
      expect(stale.status).toBe(412);
      expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(stale.body).toMatchObject({
        type: 'urn:upgrade-control:problem:precondition-failed',
        title: 'Precondition failed',
        expectedVersion: 1,
        actualVersion: 2,
      });
      expect(stale.body.detail).toContain('If-Match: "2"');
      expect(await service.eventCount()).toBe(before);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer to the same key and body, marked as a replay, with one event written', async () => {
      const first = await service
        .as('planner')
        .post('/assets')
        .set('Idempotency-Key', 'key-replay-1')
        .send(databaseAsset('idem-1'))
        .expect(201);
      const events = await service.eventCount();
      const again = await service
        .as('planner')
        .post('/assets')
        .set('Idempotency-Key', 'key-replay-1')
        .send(databaseAsset('idem-1'))
        .expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.location).toBe('/assets/idem-1');
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(await service.eventCount()).toBe(events);
      expect(await service.store.readStream('asset-idem-1')).toHaveLength(1);
    });

    it('replays the stored content type with the stored body', async () => {
      const first = await service
        .as('planner')
        .post('/assets')
        .set('Idempotency-Key', 'key-type-1')
        .send(databaseAsset('idem-type'))
        .expect(201);
      expect(first.headers['content-type']).toMatch(/^application\/json/);
      const admin = await new DataSource({ type: 'postgres', url: service.db.url }).initialize();
      try {
        const [stored] = await admin.query(`SELECT content_type FROM idempotency_keys WHERE key = 'key-type-1'`);
        expect(stored.content_type).toBe('application/json');
        // Another media type in the row shows that the replay answers with the row's, not a default.
        await admin.query(
          `UPDATE idempotency_keys SET content_type = 'application/vnd.upgrade-control.test+json' WHERE key = 'key-type-1'`,
        );
      } finally {
        await admin.destroy();
      }
      // Unchecked: the document rightly does not declare the planted media type.
      const again = await request(service.app.getHttpServer())
        .post('/assets')
        .set('x-api-key', KEYS.planner)
        .set('Idempotency-Key', 'key-type-1')
        .send(databaseAsset('idem-type'))
        .expect(201);
      expect(again.headers['content-type']).toMatch(/^application\/vnd\.upgrade-control\.test\+json/);
      expect(again.body).toEqual(first.body);
    });

    it('refuses the same key with a different body with 422 naming the header', async () => {
      await service
        .as('planner')
        .post('/assets')
        .set('Idempotency-Key', 'key-reused-1')
        .send(databaseAsset('idem-2'))
        .expect(201);
      const before = await service.eventCount();
      const reused = await service
        .as('planner')
        .post('/assets')
        .set('Idempotency-Key', 'key-reused-1')
        .send(databaseAsset('idem-3'))
        .expect(422);
      expect(reused.body).toMatchObject({
        type: 'urn:upgrade-control:problem:idempotency-key-reused',
        header: 'Idempotency-Key',
      });
      expect(reused.body.detail).toContain('key-reused-1');
      expect(await service.eventCount()).toBe(before);
    });

    it('refuses a retry while the first request with the key still runs with 409', async () => {
      const admin = await new DataSource({ type: 'postgres', url: service.db.url }).initialize();
      const lock = admin.createQueryRunner();
      try {
        // Appends wait for this lock, so the first request holds its key, unanswered, until it is released.
        await lock.startTransaction();
        await lock.query('LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE');
        const send = () =>
          service.as('planner').post('/assets').set('Idempotency-Key', 'key-in-flight').send(databaseAsset('idem-4'));
        const first = send().then((r) => r);
        await eventually(
          async () =>
            (await admin.query(`SELECT 1 FROM idempotency_keys WHERE key = 'key-in-flight' AND status IS NULL`))
              .length > 0 || undefined,
        );
        const retry = await send();
        expect(retry.status).toBe(409);
        expect(retry.body).toMatchObject({
          type: 'urn:upgrade-control:problem:idempotency-key-in-flight',
          header: 'Idempotency-Key',
        });
        await lock.commitTransaction();
        expect((await first).status).toBe(201);
      } finally {
        if (lock.isTransactionActive) await lock.rollbackTransaction();
        await lock.release();
        await admin.destroy();
      }
    });

    it('replays a refusal too: a retry gets the same 4xx the first attempt got', async () => {
      const first = await service
        .as('operator')
        .post('/assets/no-such-asset/retire')
        .set('Idempotency-Key', 'key-refused-1')
        .send({ reason: 'gone' });
      expect(first.status).toBeGreaterThanOrEqual(400);
      expect(first.status).toBeLessThan(500);
      const again = await service
        .as('operator')
        .post('/assets/no-such-asset/retire')
        .set('Idempotency-Key', 'key-refused-1')
        .send({ reason: 'gone' });
      expect({ status: again.status, body: again.body }).toEqual({ status: first.status, body: first.body });
      expect(again.headers['idempotent-replayed']).toBe('true');
    });

    it('refuses a key that is not 1–255 printable ASCII characters with 400 naming the header', async () => {
      const response = await service
        .as('planner')
        .post('/assets')
        .set('Idempotency-Key', 'k'.repeat(256))
        .send(databaseAsset('idem-bad'));
      expectProblem(response, 400, 'Idempotency-Key', 'idempotency-key');
    });
  });

  describe('cursor pages', () => {
    const ids = (body: { items: { assetId: string }[] }) => body.items.map((a) => a.assetId);

    it('pages through more than `limit` assets, none lost or repeated while another is added between pages', async () => {
      for (const id of ['pg-b', 'pg-c', 'pg-d', 'pg-f', 'pg-g'])
        await service
          .as('planner')
          .post('/assets')
          .send(databaseAsset(id, { product: 'paged-db' }))
          .expect(201);
      const first = await service.as('observer').get('/assets?product=paged-db&limit=2').expect(200);
      expect(ids(first.body)).toEqual(['pg-b', 'pg-c']);
      expect(first.headers.link).toBe(`</assets?product=paged-db&limit=2&cursor=${first.body.next}>; rel="next"`);
      // One before the cursor (not shown: that page is read) and one after it (shown once).
      for (const id of ['pg-a', 'pg-e'])
        await service
          .as('planner')
          .post('/assets')
          .send(databaseAsset(id, { product: 'paged-db' }))
          .expect(201);
      const seen = [...ids(first.body)];
      let link: string | undefined = first.headers.link;
      while (link) {
        const next: string = /^<([^>]+)>; rel="next"$/.exec(link)![1]!;
        const page: { body: { items: { assetId: string }[]; next: string | null }; headers: Record<string, string> } =
          await service.as('observer').get(next).expect(200);
        seen.push(...ids(page.body));
        link = page.headers.link;
        if (!link) expect(page.body.next).toBeNull();
      }
      expect(seen).toEqual(['pg-b', 'pg-c', 'pg-d', 'pg-e', 'pg-f', 'pg-g']);
    });

    it('refuses a cursor it did not issue with 400 naming cursor', async () => {
      expectProblem(await service.as('observer').get('/assets?cursor=not-a-cursor!'), 400, 'cursor', 'cursor');
      const forged = Buffer.from('[1,2]').toString('base64url');
      expectProblem(
        await service.as('observer').get(`/assets/expiring?before=2030-01-01&cursor=${forged}`),
        400,
        'cursor',
        'cursor',
      );
    });

    it('refuses a limit outside 1–200 with 400 naming limit', async () => {
      expectProblem(await service.as('observer').get('/assets?limit=0'), 400, 'limit', 'min');
      expectProblem(await service.as('observer').get('/assets?limit=201'), 400, 'limit', 'max');
    });
  });
});

describe('HTTP semantics across a restart and with REQUIRE_IF_MATCH', () => {
  it('replays a key after the service restarted: the answer is in PostgreSQL', async () => {
    const first = await startService('inventory', register);
    let second: RunningService | undefined;
    try {
      const created = await first
        .as('planner')
        .post('/assets')
        .set('Idempotency-Key', 'survives-restart')
        .send(databaseAsset('restart-1'))
        .expect(201);
      await first.app.close();
      second = await startService('inventory', register, {}, { db: first.db });
      const again = await second
        .as('planner')
        .post('/assets')
        .set('Idempotency-Key', 'survives-restart')
        .send(databaseAsset('restart-1'))
        .expect(201);
      expect(again.body).toEqual(created.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await second.store.readStream('asset-restart-1')).toHaveLength(1);
    } finally {
      await second?.close();
      await first.db.drop();
    }
  });

  it('refuses a write to an existing asset without If-Match with 428 when REQUIRE_IF_MATCH is on', async () => {
    const strict = await startService('inventory', register, { REQUIRE_IF_MATCH: 'true' });
    try {
      // Creating needs no version: there is none yet.
      await strict.as('planner').post('/assets').send(databaseAsset('strict-1')).expect(201);
      const before = await strict.eventCount();
      const missing = await strict.as('planner').patch('/assets/strict-1').send({ owner: 'sre' });
      expect(missing.status).toBe(428);
      expect(missing.body).toMatchObject({
        type: 'urn:upgrade-control:problem:precondition-required',
        title: 'Precondition required',
      });
      expect(missing.body.detail).toContain('If-Match');
      expect(await strict.eventCount()).toBe(before);
      await strict.as('planner').patch('/assets/strict-1').set('If-Match', '"1"').send({ owner: 'sre' }).expect(200);
    } finally {
      await strict.close();
    }
  });
});
