import type { OpenAPIObject } from '@nestjs/swagger';
import { responseValidator } from '@upgrade-control/contracts/response-validator';
import { serviceDocument } from './documents.js';

/** The services whose replies are documented so far (planning and monitoring: helper schemas-b, at merge). */
const DOCUMENTED = ['inventory', 'execution'] as const;

type Schema = Record<string, unknown> & {
  $ref?: string;
  allOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
};

/** The example a reader of the document sees: each property's own example, nested schemas assembled likewise. */
function exampleOf(schema: Schema, schemas: Record<string, Schema>): unknown {
  if (schema.example !== undefined) return schema.example;
  const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
  if (ref) return exampleOf(schemas[ref.split('/').pop()!]!, schemas);
  if (schema.type === 'array' && schema.items) return [exampleOf(schema.items, schemas)];
  return Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, property]) => [name, exampleOf(property, schemas)]),
  );
}

function successes(document: OpenAPIObject) {
  return Object.entries(document.paths).flatMap(([template, item]) =>
    (['get', 'post', 'put', 'patch', 'delete'] as const).flatMap((method) => {
      const operation = item[method];
      if (!operation) return [];
      const [status, response] = Object.entries(operation.responses).find(([code]) => code.startsWith('2')) ?? [];
      const schema = (response as { content?: Record<string, { schema?: Schema }> } | undefined)?.content?.[
        'application/json'
      ]?.schema;
      return [{ name: operation.operationId!, method, template, status: Number(status), schema }];
    }),
  );
}

describe.each(DOCUMENTED)('the %s replies in its OpenAPI document', (service) => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await serviceDocument(service);
  });

  it('declare a JSON schema for the success of every operation', () => {
    const undocumented = successes(document).filter((s) => !s.schema);
    expect(undocumented.map((s) => s.name)).toEqual([]);
  });

  it('show examples that their own schemas accept', () => {
    const validate = responseValidator(document);
    const schemas = document.components!.schemas as Record<string, Schema>;
    const problems = successes(document).flatMap(({ method, template, status, schema }) =>
      validate({
        method,
        path: template.replace(/\{[^}]+\}/g, 'example'),
        status,
        contentType: 'application/json',
        body: exampleOf(schema!, schemas),
      }),
    );
    expect(problems).toEqual([]);
  });
});
