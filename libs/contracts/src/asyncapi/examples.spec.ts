import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { checkPayload } from '../validation.js';
import { verifyStreamChain } from '../hash-chain.js';
import type { EventEnvelope } from '../envelope.js';
import { asyncApiDocument, type ServiceConsumption } from './document.js';

interface Message {
  headers: object;
  payload: object;
  examples: { name: string; headers: unknown; payload: unknown }[];
}
const none: ServiceConsumption = { types: [], everyType: false };
const doc = asyncApiDocument({
  consumption: { inventory: none, planning: none, execution: none, monitoring: none },
}) as { components: { schemas: Record<string, object>; messages: Record<string, Message> } };

const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is CommonJS: its function is the default export's default.
formats.default(ajv);
ajv.addSchema(doc.components.schemas.EventEnvelope!, '#/components/schemas/EventEnvelope');
const messages = Object.entries(doc.components.messages);
const events = messages.filter(([name]) => !name.endsWith('DeadLetter'));

describe('AsyncAPI examples', () => {
  it.each(messages)('%s has an example whose headers and payload match its schemas', (_name, message) => {
    expect(message.examples).toHaveLength(1);
    const [example] = message.examples;
    const headers = ajv.compile(message.headers);
    const payload = ajv.compile(message.payload);
    expect(headers(example!.headers) ? [] : headers.errors).toEqual([]);
    expect(payload(example!.payload) ? [] : payload.errors).toEqual([]);
  });

  it.each(events)('%s example is a sealed event the contracts accept', (_name, message) => {
    const envelope = message.examples[0]!.payload as EventEnvelope;
    expect(checkPayload(envelope.type, envelope.schemaVersion, envelope.payload)).toMatchObject({ ok: true });
    expect(verifyStreamChain([envelope])).toBeNull();
  });
});
