import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import type { EventEnvelope, ServiceName } from '@upgrade-control/contracts';
import supertest, { type Response, type Test } from 'supertest';
import { systemClock, type Clock } from '../domain/clock.js';
import type { NewEvent } from '../event-store/event-store.js';
import type { Problem } from '../http/problem.js';
import { createServiceApp } from '../nest/bootstrap.js';
import { InMemoryEventStore } from './in-memory-event-store.js';
import { InMemoryMessageBus } from './in-memory-message-bus.js';
import { InMemoryPlatformModule } from './in-memory-platform.js';

/** The part of a service under test: its controllers and what they need besides the platform. */
export interface SliceUnderTest {
  service: ServiceName;
  controllers?: Type<unknown>[];
  providers?: Provider[];
  imports?: (Type<unknown> | DynamicModule)[];
  clock?: Clock;
  /** Configuration, as the service reads it from its environment (API_KEYS, limits…). */
  env?: NodeJS.ProcessEnv;
}

/** A stream's history before the request. */
export interface GivenStream {
  streamId: string;
  events: NewEvent[];
}

export const existingStream = (streamId: string, events: NewEvent[]): GivenStream => ({ streamId, events });

/** Builds the request with supertest, e.g. `(request) => request.post('/x').set(…).send(…)`. */
export type TestRequest = (request: ReturnType<typeof supertest>) => Test;

/** What the request did. */
export interface Outcome {
  response: Response;
  store: InMemoryEventStore;
  bus: InMemoryMessageBus;
  /** Every event the request appended, in order. */
  appended: EventEnvelope[];
  /** The events the request appended to a stream, in order. */
  newEvents(streamId: string): EventEnvelope[];
}

export type Expectation = (outcome: Outcome) => void | Promise<void>;

/**
 * given(streams).when(request).then(expectations) for a service's HTTP slice, after emmett's
 * ApiSpecification: each scenario gets a fresh Nest app with the platform's real HTTP edge
 * (body limits, input guard, validation, problem+json, authentication) over the in-memory store
 * and bus, so a slice is tested in milliseconds, without Kafka or PostgreSQL.
 */
export const ApiSpecification = {
  for(slice: SliceUnderTest) {
    return (...given: GivenStream[]) => ({
      when: (request: TestRequest) => ({
        then: (expectations: Expectation[]) => run(slice, given, request, expectations),
      }),
    });
  },
};

async function run(slice: SliceUnderTest, given: GivenStream[], request: TestRequest, expectations: Expectation[]) {
  const clock = slice.clock ?? systemClock;
  const store = new InMemoryEventStore(slice.service);
  const bus = new InMemoryMessageBus();
  const platform = InMemoryPlatformModule.forService({ service: slice.service, store, bus, clock, env: slice.env });
  const app = await createServiceApp(sliceModule(slice, platform), `${slice.service} slice under test`);
  await app.init();
  try {
    for (const { streamId, events } of given) await store.given(streamId, events, { now: clock() });
    const before = store.all().length;
    const response = await request(supertest(app.getHttpServer()));
    const appended = store.appendedSince(before);
    const newEvents = (streamId: string) => appended.filter((e) => e.streamId === streamId);
    for (const expectation of expectations) await expectation({ response, store, bus, appended, newEvents });
  } finally {
    await app.close();
  }
}

/** A root module of its own per scenario, so no two apps share a module instance. */
function sliceModule(slice: SliceUnderTest, platform: DynamicModule): DynamicModule {
  class SliceModule {}
  Module({})(SliceModule);
  return {
    module: SliceModule,
    imports: [platform, ...(slice.imports ?? [])],
    controllers: slice.controllers ?? [],
    providers: slice.providers ?? [],
  };
}

/** The status and, when given, a body the answer contains (toMatchObject) and header values. */
export const expectResponse =
  (status: number, expected: { body?: unknown; headers?: Record<string, string | RegExp> } = {}): Expectation =>
  ({ response }) => {
    // Status and body in one assertion: a wrong status shows the problem the service answered with.
    const body = expected.body === undefined ? {} : { body: expected.body };
    expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status, ...body });
    for (const [name, value] of Object.entries(expected.headers ?? {}))
      expect(response.headers[name.toLowerCase()]).toMatch(value);
  };

/** An application/problem+json answer with this status and, when given, these problem fields. */
export const expectError =
  (status: number, problem: Partial<Problem> = {}): Expectation =>
  (outcome) => {
    expectResponse(status, { body: problem, headers: { 'content-type': /^application\/problem\+json/ } })(outcome);
  };

/** The request appended exactly these events (type and payload) to the stream, in order. */
export const expectNewEvents =
  (streamId: string, events: NewEvent[]): Expectation =>
  ({ newEvents }) => {
    expect(newEvents(streamId).map(({ type, payload }) => ({ type, payload }))).toEqual(events);
  };

/** The request appended nothing to any stream (a refusal, a read, an idempotent repeat). */
export const expectNoNewEvents: Expectation = ({ appended }) => {
  expect(appended).toEqual([]);
};
