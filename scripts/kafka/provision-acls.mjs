// The topics and ACLs of the secure local broker (KAFKA_SECURITY=scram-tls, ADR 0018), made by
// the admin user; idempotent. Each service's user may write only its own topics and read the
// events it consumes; the audit user may only read the four events topics.
import kafkajs from 'kafkajs';
import { clientSecurity } from '../kafka-client-env.mjs';

const { AclOperationTypes: Op, AclPermissionTypes, AclResourceTypes: Res, Kafka, logLevel } = kafkajs;
const Pattern = kafkajs.ResourcePatternTypes;
const SERVICES = ['inventory', 'planning', 'execution', 'monitoring'];
const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
const partitions = Number(process.env.KAFKA_PARTITIONS ?? 3);
const events = (s) => `${prefix}${s}.events`;
const dlq = (s) => `${prefix}${s}.dlq`;
const redrive = (s) => `${prefix}${s}.redrive`;

const allow = (user, resourceType, resourceName, operations, resourcePatternType = Pattern.LITERAL) =>
  operations.map((operation) => ({
    principal: `User:${user}`,
    host: '*',
    resourceType,
    resourceName,
    resourcePatternType,
    operation,
    permissionType: AclPermissionTypes.ALLOW,
  }));

const acl = [
  ...SERVICES.flatMap((s) => [
    // Its own events (the relay), its dead letters (the consumer; the DLQ tool lists them) and
    // its re-drive topic (the DLQ tool writes it, the consumer reads it).
    ...allow(s, Res.TOPIC, events(s), [Op.WRITE, Op.DESCRIBE, Op.CREATE]),
    ...allow(s, Res.TOPIC, dlq(s), [Op.WRITE, Op.READ, Op.DESCRIBE, Op.CREATE]),
    ...allow(s, Res.TOPIC, redrive(s), [Op.WRITE, Op.READ, Op.DESCRIBE, Op.CREATE]),
    // What it consumes: every other service's events.
    ...SERVICES.filter((o) => o !== s).flatMap((o) => allow(s, Res.TOPIC, events(o), [Op.READ, Op.DESCRIBE])),
    // Its consumer group and the groups named after it (<group>.dlq-redrive).
    ...allow(s, Res.GROUP, s, [Op.READ, Op.DESCRIBE], Pattern.PREFIXED),
    // Throwaway replay groups (rebuild) commit nothing.
    ...allow(s, Res.GROUP, 'replay-', [Op.READ, Op.DESCRIBE], Pattern.PREFIXED),
  ]),
  ...SERVICES.flatMap((s) => allow('audit', Res.TOPIC, events(s), [Op.READ, Op.DESCRIBE])),
  ...allow('audit', Res.GROUP, 'replay-', [Op.READ, Op.DESCRIBE], Pattern.PREFIXED),
];

const kafka = new Kafka({
  clientId: 'kafka-provision',
  brokers: [process.argv[2]],
  logLevel: logLevel.NOTHING,
  ...clientSecurity(),
});
const admin = kafka.admin();
await admin.connect();
try {
  // Made here, by the operator, because no service may create another's topic.
  const existing = new Set(await admin.listTopics());
  const topics = SERVICES.flatMap((s) => [events(s), dlq(s), redrive(s)]).filter((t) => !existing.has(t));
  if (topics.length > 0)
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({
        topic,
        numPartitions: partitions,
        configEntries: [
          { name: 'retention.ms', value: '-1' },
          { name: 'retention.bytes', value: '-1' },
        ],
      })),
    });
  await admin.createAcls({ acl });
  console.error(`kafka: ${topics.length} topic(s) created, ${acl.length} ACL entries in place (prefix "${prefix}")`);
} finally {
  await admin.disconnect();
}
