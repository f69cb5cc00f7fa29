/**
 * Which event types each service consumes, read from the services' own wiring rather than a
 * hand list: every provider that takes the EventConsumer registers its handlers in onModuleInit
 * (reactions, and the read models through ReadModelRegistration). Built in Nest's preview mode,
 * those providers are constructed here with a recording consumer in its place and inert stand-ins
 * for everything else (a read-model registration also adds projections to the store), and their
 * onModuleInit is called as Nest would at init. The handlers themselves never run.
 */
import 'reflect-metadata';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { ServiceConsumption } from '@upgrade-control/contracts';
import { EventConsumer } from '@upgrade-control/platform';

interface Wrapper {
  name: unknown;
  metatype: unknown;
  inject?: unknown[] | null;
}

type Registrar = { onModuleInit?: () => unknown };

/** Any other dependency: every method does nothing. */
const inert: unknown = new Proxy({}, { get: () => () => undefined });

function recordingConsumer(consumption: { types: Set<string>; every: boolean }): EventConsumer {
  const recorder = {
    on(type: string) {
      consumption.types.add(type);
      return recorder;
    },
    onEvery() {
      consumption.every = true;
      return recorder;
    },
  };
  return recorder as unknown as EventConsumer;
}

/** The provider built with the recorder for the EventConsumer, or null when it does not take one. */
function buildWith(wrapper: Wrapper, consumer: EventConsumer): Registrar | null {
  const { metatype, inject } = wrapper;
  if (typeof metatype !== 'function') return null;
  if (inject) {
    if (!inject.includes(EventConsumer)) return null;
    const factory = metatype as (...args: unknown[]) => Registrar;
    return factory(...inject.map((token) => (token === EventConsumer ? consumer : inert)));
  }
  const params = (Reflect.getMetadata('design:paramtypes', metatype) ?? []) as unknown[];
  if (!params.includes(EventConsumer)) return null;
  const Provider = metatype as new (...args: unknown[]) => Registrar;
  return new Provider(...params.map((type) => (type === EventConsumer ? consumer : inert)));
}

/** What a service built in preview mode registers on its consumer. */
export function consumedEvents(app: INestApplication): ServiceConsumption {
  const consumption = { types: new Set<string>(), every: false };
  const consumer = recordingConsumer(consumption);
  for (const module of app.get(ModulesContainer).values())
    for (const wrapper of module.providers.values()) {
      const provider = buildWith(wrapper as unknown as Wrapper, consumer);
      try {
        provider?.onModuleInit?.();
      } catch (error) {
        throw new Error(`${String(wrapper.name)} cannot be initialised to read what it consumes`, { cause: error });
      }
    }
  return { types: [...consumption.types].sort(), everyType: consumption.every };
}
