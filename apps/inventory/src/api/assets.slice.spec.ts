import {
  ApiSpecification,
  existingStream,
  expectError,
  expectNewEvents,
  expectNoNewEvents,
  expectResponse,
  type TestRequest,
} from '@upgrade-control/platform/testing/http';
import { databaseAsset } from '../../../../test/support/asset-fixture.js';
import { assetStreamId } from '../domain/asset.decider.js';
import { AssetsController } from './assets.controller.js';

// The asset slice through the real HTTP edge (validation, auth, problem+json, the one command
// handler) on the in-memory store: the register/update/retire rules without Kafka or PostgreSQL.
const now = new Date('2026-11-26T09:00:00.000Z');
const given = ApiSpecification.for({ service: 'inventory', controllers: [AssetsController], clock: () => now });

const { assetId: _, ...details } = databaseAsset('orders-db', { name: 'Orders database (Berlin)' });
const registered = {
  type: 'AssetRegistered',
  payload: {
    assetId: 'orders-db',
    attributes: {},
    businessProcesses: [],
    userGroups: [],
    peakPeriods: [],
    expiresOn: null,
    ...details,
  },
};
const register =
  (body: object): TestRequest =>
  (request) =>
    request.post('/assets').set('x-api-key', 'dev-planner').send(body);
const ORDERS_DB = assetStreamId('orders-db');

describe('the asset slice over the in-memory store', () => {
  it('registers an asset: 201 with its stream version, and AssetRegistered with the caller and the clock', () =>
    given()
      .when(register({ assetId: 'orders-db', ...details }))
      .then([
        expectResponse(201, { body: { assetId: 'orders-db', streamVersion: 1 } }),
        ({ newEvents }) =>
          expect(newEvents(ORDERS_DB)).toMatchObject([
            { ...registered, actor: { role: 'planner' }, occurredAt: now.toISOString(), correlationId: 'orders-db' },
          ]),
      ]));

  it('refuses a second registration of the same id, naming the field and rule', () =>
    given(existingStream(ORDERS_DB, [registered]))
      .when(register({ assetId: 'orders-db', ...details }))
      .then([
        expectError(400, { errors: [expect.objectContaining({ field: 'assetId', rule: 'unique' })] }),
        expectNoNewEvents,
      ]));

  it('refuses a certificate without its expiry date', () =>
    given()
      .when(register({ ...details, assetId: 'tls-cert', kind: 'certificate' }))
      .then([
        expectError(400, { errors: [expect.objectContaining({ field: 'expiresOn', rule: 'required-for-kind' })] }),
        expectNoNewEvents,
      ]));

  it('retires an asset', () =>
    given(existingStream(ORDERS_DB, [registered]))
      .when((request) =>
        request.post('/assets/orders-db/retire').set('x-api-key', 'dev-operator').send({ reason: 'replaced' }),
      )
      .then([
        expectResponse(200, { body: { assetId: 'orders-db', streamVersion: 2 } }),
        expectNewEvents(ORDERS_DB, [{ type: 'AssetRetired', payload: { assetId: 'orders-db', reason: 'replaced' } }]),
      ]));

  it('refuses an update whose If-Match names a version someone moved past', () =>
    given(existingStream(ORDERS_DB, [registered]))
      .when((request) =>
        request
          .patch('/assets/orders-db')
          .set('x-api-key', 'dev-planner')
          .set('If-Match', '"0"')
          .send({ owner: 'platform-team' }),
      )
      .then([expectError(412, { expectedVersion: 0, actualVersion: 1 }), expectNoNewEvents]));

  it('refuses an observer', () =>
    given()
      .when((request) =>
        request
          .post('/assets')
          .set('x-api-key', 'dev-observer')
          .send({ assetId: 'orders-db', ...details }),
      )
      .then([expectError(403), expectNoNewEvents]));
});
