/**
 * The AsyncAPI document (docs/asyncapi.json): the contracts give the topics and messages, each
 * service's wiring gives what it receives.
 */
import { asyncApiDocument, SERVICES, type ServiceConsumption, type ServiceName } from '@upgrade-control/contracts';
import { consumedEvents } from './consumed-events.js';
import { withPreviewApp } from './preview.js';

export const ASYNCAPI_FILE = 'docs/asyncapi.json';

export async function consumption(): Promise<Record<ServiceName, ServiceConsumption>> {
  const byService = {} as Record<ServiceName, ServiceConsumption>;
  for (const service of SERVICES) byService[service] = await withPreviewApp(service, consumedEvents);
  return byService;
}

export async function systemAsyncApiDocument(): Promise<Record<string, unknown>> {
  return asyncApiDocument({ consumption: await consumption() });
}
