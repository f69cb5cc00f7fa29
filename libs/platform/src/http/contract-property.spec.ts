import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiOkResponse, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import { ContractProperty, contractJsonSchema } from './contract-property.js';

const window = z.object({ startsAt: z.iso.datetime({ offset: true }), minutes: z.number().int() });

class Answer {
  @ContractProperty(window, { example: null, nullable: true, description: 'the window, once scheduled' })
  window!: unknown;
}

@Controller('answers')
class AnswerController {
  @Get()
  @ApiOkResponse({ type: Answer })
  get() {}
}

@Module({ controllers: [AnswerController] })
class AnswerModule {}

/** The schema Nest's document builder makes of Answer, as it makes the services' documents. */
async function answerSchema(): Promise<{ required?: string[]; properties: Record<string, unknown> }> {
  const app = await NestFactory.create(AnswerModule, { preview: true, logger: false });
  try {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().setOpenAPIVersion('3.1.0').build());
    return document.components!.schemas!.Answer as { required?: string[]; properties: Record<string, unknown> };
  } finally {
    await app.close();
  }
}

describe('ContractProperty', () => {
  it('documents the zod schema as JSON Schema 2020-12, without a $schema inside the document', () => {
    expect(contractJsonSchema(window)).toEqual({
      type: 'object',
      properties: {
        startsAt: expect.objectContaining({ type: 'string', format: 'date-time' }),
        minutes: expect.objectContaining({ type: 'integer' }),
      },
      required: ['startsAt', 'minutes'],
      additionalProperties: false,
    });
  });

  it('keeps the property required while its object schema has its own required list', async () => {
    expect((await answerSchema()).required).toEqual(['window']);
  });

  it('allows null for a nullable part, next to the contract’s shape', async () => {
    expect((await answerSchema()).properties.window).toMatchObject({
      allOf: [{ anyOf: [contractJsonSchema(window), { type: 'null' }] }],
      description: 'the window, once scheduled',
    });
  });
});
