import { closeObjectSchemas, openObjectSchemas } from './openapi-closed-schemas.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const document = (): Json => ({
  paths: {
    '/things': {
      post: {
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingDto' } } } },
        responses: {
          '200': {
            content: {
              'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      ThingDto: {
        type: 'object',
        properties: {
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          parts: { type: 'array', items: { type: 'object', properties: { n: { type: 'integer' } } } },
          settings: { type: 'object' },
        },
      },
      Refined: { allOf: [{ $ref: '#/components/schemas/ThingDto' }, { required: ['labels'] }] },
    },
  },
});

describe('closing object schemas', () => {
  it('closes every object that lists its properties, inline and nested, and leaves a declared map alone', () => {
    const closed = document();
    closeObjectSchemas(closed as never);
    const thing = closed.components.schemas.ThingDto;
    expect(thing.additionalProperties).toBe(false);
    expect(thing.properties.parts.items.additionalProperties).toBe(false);
    expect(thing.properties.labels.additionalProperties).toEqual({ type: 'string' });
    expect(closed.paths['/things'].post.responses['200'].content['application/json'].schema.additionalProperties).toBe(
      false,
    );
  });

  it('reports an object that lists no properties and declares no map, but not an allOf refinement', () => {
    const closed = document();
    closeObjectSchemas(closed as never);
    expect(openObjectSchemas(closed as never)).toEqual(['#/components/schemas/ThingDto/properties/settings']);
    expect(openObjectSchemas(document() as never)).toHaveLength(4);
  });
});
