// One variant of the HTTP pipeline for the `http-stack` bench item (issue 19, part 2): a Nest app
// with inventory's real registration DTO and one route that accepts it and answers 202 without any
// database, so that only the adapter and the validator differ between variants.
// HTTP_ADAPTER=express|fastify, HTTP_VALIDATOR=class-validator|ajv|zod, PORT.
import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { RegisterAssetDto } from '../../dist/inventory/src/api/asset.dto.js';
import { createValidationPipe } from '../../libs/platform/dist/http/validation.js';
import { invalidInput } from '../../libs/platform/dist/http/problem.js';
import { ProblemDetailsFilter } from '../../libs/platform/dist/http/problem.filter.js';
import { compiledValidators } from './validators.mjs';

const adapter = process.env.HTTP_ADAPTER ?? 'express';
const validator = process.env.HTTP_VALIDATOR ?? 'class-validator';

/** The compiled variants: the body checked by a schema stating the DTO's rules, violations as the platform reports them. */
class SchemaPipe {
  constructor(check) {
    this.check = check;
  }
  transform(value, metadata) {
    if (metadata.type !== 'body') return value;
    const violations = this.check(value);
    if (violations.length > 0) throw invalidInput(violations);
    return value;
  }
}

// Decorators applied by hand: the bench is plain JavaScript.
class AssetsController {
  register(body) {
    return { accepted: body.name };
  }
}
const register = Object.getOwnPropertyDescriptor(AssetsController.prototype, 'register');
Reflect.defineMetadata('design:paramtypes', [RegisterAssetDto], AssetsController.prototype, 'register');
Body()(AssetsController.prototype, 'register', 0);
Post()(AssetsController.prototype, 'register', register);
HttpCode(202)(AssetsController.prototype, 'register', register);
Controller('assets')(AssetsController);
class BenchModule {}
Module({ controllers: [AssetsController] })(BenchModule);

const app =
  adapter === 'fastify'
    ? await NestFactory.create(
        BenchModule,
        new (await import('@nestjs/platform-fastify')).FastifyAdapter({ bodyLimit: 1 << 20 }),
        { logger: false },
      )
    : await NestFactory.create(BenchModule, { logger: false });
app.useGlobalFilters(new ProblemDetailsFilter({ error: () => undefined }));
app.useGlobalPipes(
  validator === 'class-validator' ? createValidationPipe() : new SchemaPipe(compiledValidators[validator]),
);
await app.listen(Number(process.env.PORT), '127.0.0.1');
process.send?.('ready');
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
