import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ServiceName } from '@upgrade-control/contracts';
import { DEFAULT_PORTS } from '../config/service-config.js';
import { withConventions } from './openapi-conventions.js';

/**
 * A service's OpenAPI document, built from its controllers' decorators. The same function serves
 * `/openapi.json` at runtime and writes `docs/openapi/<service>.json` (apps/openapi), so what a
 * running service answers and what clients generate from cannot differ. The conventions every
 * operation shares (problem responses, headers, security, tags) are added once, by withConventions.
 */
export function openApiDocument(app: INestApplication, service: ServiceName, description: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(`Upgrade Control — ${service}`)
    .setDescription(description)
    .setVersion('0.1.0')
    .addServer(`http://127.0.0.1:${DEFAULT_PORTS[service]}`, `${service} as npm start runs it`)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('api-key')
    .build();
  return withConventions(SwaggerModule.createDocument(app, config));
}
