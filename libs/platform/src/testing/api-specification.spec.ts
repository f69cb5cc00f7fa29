import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IsString, Length } from 'class-validator';
import { Decide, type StreamDecider } from '../application/decide.js';
import { accept, illegalTransition, refuse, type Decider } from '../domain/index.js';
import type { CommandResult } from '../event-store/command-handling.js';
import { Operation } from '../http/auth.js';
import { Caller } from '../http/caller.decorator.js';
import { orThrow } from '../http/problem.js';
import {
  ApiSpecification,
  existingStream,
  expectError,
  expectNewEvents,
  expectNoNewEvents,
  expectResponse,
  type TestRequest,
} from './api-specification.js';

// A slice as small as a service's: retiring an asset, one decider, one route.
type Retire = { type: 'Retire'; assetId: string; reason: string };
type Retired = { type: 'AssetRetired'; payload: { assetId: string; reason: string } };
const retirement: Decider<Retire, Retired, 'active' | 'retired'> = {
  initialState: () => 'active',
  evolve: () => 'retired',
  decide: (command, state) =>
    state === 'retired'
      ? refuse(illegalTransition(state, command.type))
      : accept({ type: 'AssetRetired', payload: { assetId: command.assetId, reason: command.reason } }),
};
const ASSETS: StreamDecider<Retire> = { decider: retirement, streamId: (id) => `asset-${id}` };

class RetireDto {
  @IsString() @Length(1, 200) reason!: string;
}

@Controller('assets')
class RetirementController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':assetId/retirement')
  // A planner-only operation of the table stands in for this test route.
  @Operation('proposeUpgrade')
  async retire(@Param('assetId') assetId: string, @Body() dto: RetireDto, @Caller() caller: Caller) {
    const command: Retire = { type: 'Retire', assetId, reason: dto.reason };
    const result: CommandResult = await this.commands.execute(Decide.by(caller, ASSETS, assetId, command));
    return { version: orThrow(result).streamVersion };
  }
}

const now = new Date('2026-11-25T10:00:00.000Z');
const given = ApiSpecification.for({ service: 'inventory', controllers: [RetirementController], clock: () => now });
const retired = (reason: string) => ({ type: 'AssetRetired', payload: { assetId: 'a1', reason } });
const retire =
  (reason: string, key = 'dev-planner'): TestRequest =>
  (request) =>
    request.post('/assets/a1/retirement').set('x-api-key', key).send({ reason });

describe('ApiSpecification: an HTTP slice over the in-memory store', () => {
  it('answers 201 and appends the decided event', () =>
    given()
      .when(retire('end of life'))
      .then([expectResponse(201, { body: { version: 1 } }), expectNewEvents('asset-a1', [retired('end of life')])]));

  it('records who asked and when, from the caller and the injected clock', () =>
    given()
      .when(retire('end of life'))
      .then([
        ({ newEvents }) =>
          expect(newEvents('asset-a1')[0]).toMatchObject({
            actor: { id: 'alice', role: 'planner' },
            occurredAt: now.toISOString(),
            correlationId: 'a1',
          }),
      ]));

  it('answers a refusal as problem+json and appends nothing', () =>
    given(existingStream('asset-a1', [retired('replaced')]))
      .when(retire('again'))
      .then([expectError(409, { title: 'Illegal transition', from: 'retired' }), expectNoNewEvents]));

  it('refuses an invalid body with the field and rule, through the real validation pipe', () =>
    given()
      .when(retire(''))
      .then([expectError(400, { errors: [expect.objectContaining({ field: 'reason' })] }), expectNoNewEvents]));

  it('refuses a caller without credentials', () =>
    given()
      .when((request) => request.post('/assets/a1/retirement').send({ reason: 'end of life' }))
      .then([expectError(401, { title: 'Authentication required' }), expectNoNewEvents]));

  it('refuses a role the route does not allow', () =>
    given()
      .when(retire('end of life', 'dev-observer'))
      .then([expectError(403), expectNoNewEvents]));

  it('answers 412 when If-Match names a version someone else moved past', () =>
    given(existingStream('asset-a1', [retired('replaced')]))
      .when((request) => retire('again')(request).set('If-Match', '"0"'))
      .then([
        expectError(412, { title: 'Precondition failed', expectedVersion: 0, actualVersion: 1 }),
        expectNoNewEvents,
      ]));
});
