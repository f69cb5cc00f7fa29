import { readFileSync } from 'node:fs';
import { eventCatalogue } from '../catalogue.js';
import { asyncApiDocument } from './document.js';

describe('AsyncAPI document', () => {
  const doc = asyncApiDocument() as {
    asyncapi: string;
    channels: Record<string, { messages: Record<string, unknown> }>;
    components: { messages: Record<string, unknown> };
  };

  it('is AsyncAPI 3 with one channel per service topic', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(Object.keys(doc.channels).sort()).toEqual([
      'execution.events',
      'inventory.events',
      'monitoring.events',
      'planning.events',
    ]);
  });

  it('lists every event of the catalogue on its producer topic', () => {
    expect(Object.keys(doc.components.messages).sort()).toEqual(eventCatalogue.map((e) => e.type).sort());
    for (const event of eventCatalogue)
      expect(doc.channels[`${event.producer}.events`]!.messages).toHaveProperty(event.type);
  });

  it('is the document committed in docs/ (run npm run asyncapi after changing a contract)', () => {
    expect(JSON.parse(readFileSync('docs/asyncapi.json', 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(asyncApiDocument())),
    );
  });
});
