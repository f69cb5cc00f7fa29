/**
 * Every service's OpenAPI document and the merged one for the whole system, built from the
 * controllers alone: Nest's preview mode resolves modules without instantiating providers, so no
 * database, broker or port is needed (`npm run openapi` writes them into docs/).
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import { SERVICES, type ServiceName } from '@upgrade-control/contracts';
import { openApiDocument } from '@upgrade-control/platform';
import { MODULES, withPreviewApp } from './preview.js';

export function serviceDocument(service: ServiceName): Promise<OpenAPIObject> {
  return withPreviewApp(service, (app) => openApiDocument(app, service, MODULES[service].description));
}

export async function serviceDocuments(): Promise<Record<ServiceName, OpenAPIObject>> {
  const documents = {} as Record<ServiceName, OpenAPIObject>;
  for (const service of SERVICES) documents[service] = await serviceDocument(service);
  return documents;
}

/**
 * One document for the whole system: each path keeps its own service's `servers`, so a client
 * generated from it calls the right service. Two services defining the same path or the same
 * component name (schema, response, parameter, header) differently is an error, not a silent
 * overwrite.
 */
export function mergedDocument(documents: Record<ServiceName, OpenAPIObject>): OpenAPIObject {
  const first = documents[SERVICES[0]];
  const merged: OpenAPIObject = {
    openapi: first.openapi,
    info: {
      title: 'Upgrade Control',
      version: first.info.version,
      description: 'Every Upgrade Control service in one document; each path names the service that serves it.',
    },
    servers: [],
    tags: [],
    paths: {},
    components: {},
    security: first.security ?? [],
  };
  for (const service of SERVICES) {
    const document = documents[service];
    for (const [path, item] of Object.entries(document.paths)) {
      if (merged.paths[path]) throw new Error(`path ${path} is served by two services`);
      merged.paths[path] = { servers: document.servers, ...item };
    }
    for (const tag of document.tags ?? []) if (!merged.tags!.some((t) => t.name === tag.name)) merged.tags!.push(tag);
    for (const [kind, entries] of Object.entries(document.components ?? {}) as [string, Record<string, unknown>][]) {
      const into = ((merged.components as Record<string, Record<string, unknown>>)[kind] ??= {});
      for (const [name, entry] of Object.entries(entries)) {
        if (name in into && JSON.stringify(into[name]) !== JSON.stringify(entry))
          throw new Error(`${kind} component ${name} differs between services; give one of them another name`);
        into[name] = entry;
      }
    }
  }
  for (const service of SERVICES) merged.servers!.push(...(documents[service].servers ?? []));
  merged.tags!.sort((a, b) => a.name.localeCompare(b.name));
  return merged;
}

/** File name → document: what `npm run openapi` writes and the spec compares with docs/. */
export async function documentFiles(
  documents: Record<ServiceName, OpenAPIObject> | Promise<Record<ServiceName, OpenAPIObject>> = serviceDocuments(),
): Promise<Record<string, OpenAPIObject>> {
  documents = await documents;
  const files: Record<string, OpenAPIObject> = { 'docs/openapi.json': mergedDocument(documents) };
  for (const service of SERVICES) files[`docs/openapi/${service}.json`] = documents[service];
  return files;
}
