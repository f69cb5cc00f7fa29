import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiOkResponse, ApiProperty, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import { ANY_JSON_VALUE, contractProperty } from './response-schema.js';

const payload = z.object({ upgradeId: z.string().min(1), decideBy: z.iso.datetime({ offset: true }) });

class ProbeReply {
  @ApiProperty(contractProperty(payload, { description: 'the event', example: { upgradeId: 'pg16' } })) event!: unknown;
  @ApiProperty(contractProperty(payload.nullable())) pending!: unknown;
  @ApiProperty(ANY_JSON_VALUE) value!: unknown;
}

@Controller('probe')
class ProbeController {
  @Get()
  @ApiOkResponse({ type: ProbeReply })
  probe() {
    return null;
  }
}

type ProbeSchema = {
  required: string[];
  properties: Record<string, Record<string, unknown> & { anyOf?: unknown[]; oneOf?: unknown[] }>;
};

async function probeSchema() {
  @Module({ controllers: [ProbeController] })
  class ProbeModule {}
  const app = await NestFactory.create(ProbeModule, { preview: true, logger: false });
  try {
    const config = new DocumentBuilder().setOpenAPIVersion('3.1.0').build();
    return SwaggerModule.createDocument(app, config).components!.schemas!.ProbeReply as ProbeSchema;
  } finally {
    await app.close();
  }
}

describe('contractProperty', () => {
  it("documents a reply part by its contract's own JSON Schema, the property itself required", async () => {
    const schema = await probeSchema();
    expect(schema.required).toEqual(['event', 'pending', 'value']);
    expect(schema.properties.event).toMatchObject({
      type: 'object',
      required: ['upgradeId', 'decideBy'],
      properties: { upgradeId: { type: 'string', minLength: 1 }, decideBy: { type: 'string', format: 'date-time' } },
      description: 'the event',
      example: { upgradeId: 'pg16' },
    });
    expect(schema.properties.event).not.toHaveProperty('$schema');
    expect(schema.properties.pending.anyOf).toEqual([
      expect.objectContaining({ required: ['upgradeId', 'decideBy'] }),
      { type: 'null' },
    ]);
    expect(schema.properties.value.oneOf).toHaveLength(6);
  });
});
