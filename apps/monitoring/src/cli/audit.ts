/**
 * The auditor's tool: reads the four topics from offset 0 into a fresh in-memory log, verifies
 * every hash chain, and compiles an upgrade's record exactly as the monitoring service does.
 *   npm run audit -- replay                 every upgrade found, with its event count
 *   npm run audit -- verify                 exit 1 when any chain is broken, naming the link
 *   npm run audit -- export <upgradeId> [--markdown]
 * Reads KAFKA_BROKERS (127.0.0.1:9092) and KAFKA_TOPIC_PREFIX.
 */
import { eventsTopic, fromKafkaRecord, SERVICES, verifyLog, type EventEnvelope } from '@upgrade-control/contracts';
import { KafkaJsBus } from '@upgrade-control/platform';
import { recordToMarkdown } from '../domain/record-markdown.js';
import { compileRecord, recordHash } from '../domain/upgrade-record.js';

export async function replayLog(
  brokers: string[],
  topicPrefix: string,
): Promise<{ events: EventEnvelope[]; unreadable: number }> {
  const bus = new KafkaJsBus({ clientId: 'upgrade-control-audit', brokers });
  const events: EventEnvelope[] = [];
  let unreadable = 0;
  await bus.readFromStart(
    SERVICES.map((s) => `${topicPrefix}${eventsTopic(s)}`),
    (record) => {
      const parsed = fromKafkaRecord(record.value, record.headers);
      if (parsed.ok) events.push(parsed.envelope);
      else unreadable += 1;
    },
  );
  return { events, unreadable };
}

async function main(argv: string[]): Promise<number> {
  const [command, upgradeId] = argv.filter((a) => !a.startsWith('--'));
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const { events, unreadable } = await replayLog(brokers, process.env.KAFKA_TOPIC_PREFIX ?? '');
  switch (command) {
    case 'replay': {
      const upgrades = new Map<string, number>();
      for (const e of events) upgrades.set(e.correlationId, (upgrades.get(e.correlationId) ?? 0) + 1);
      process.stdout.write(
        `${JSON.stringify({ events: events.length, unreadable, upgrades: Object.fromEntries(upgrades) }, null, 2)}\n`,
      );
      return 0;
    }
    case 'verify': {
      const result = verifyLog(events);
      process.stdout.write(`${JSON.stringify({ ok: result.broken.length === 0, unreadable, ...result }, null, 2)}\n`);
      return result.broken.length === 0 ? 0 : 1;
    }
    case 'export': {
      if (!upgradeId) throw new Error('export needs an upgrade id');
      const record = compileRecord(upgradeId, events);
      if (record.eventCount === 0) throw new Error(`no events for upgrade ${upgradeId}`);
      const hash = recordHash(record);
      process.stdout.write(
        argv.includes('--markdown')
          ? `${recordToMarkdown(record, hash)}\n`
          : `${JSON.stringify({ record, recordHash: hash }, null, 2)}\n`,
      );
      return 0;
    }
    default:
      console.error('usage: npm run audit -- replay | verify | export <upgradeId> [--markdown]');
      return 2;
  }
}

if (process.argv[1]?.endsWith('audit.js')) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`audit: ${error.message}`);
      process.exit(1);
    },
  );
}
