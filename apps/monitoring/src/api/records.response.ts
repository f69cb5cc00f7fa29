import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { envelopeSchema, SERVICES } from '@upgrade-control/contracts';
import { ContractProperty, NextCursor } from '@upgrade-control/platform';
import { compileRecord } from '../domain/upgrade-record.js';
import { upgradeRecordSchema } from './upgrade-record.schema.js';

const HASH = 'a3f1c2d4e5b60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

/** The upgrade record compiled from the events of all four services, with its hash. */
export class UpgradeRecordReply {
  @ContractProperty(upgradeRecordSchema, {
    description: 'everything the rule book asks of an upgrade record, compiled from the events alone',
    // A whole record (of an upgrade with no events yet), so the example has every required field.
    example: compileRecord('0192f1c4-7d2a-7b3e-9c41-5a8e2f6d1b20', []),
  })
  record!: unknown;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', example: HASH, description: 'SHA-256 of the record’s canonical JSON' })
  recordHash!: string;
}

const EVENT_EXAMPLE = {
  eventId: '0192f1c4-7d2b-7000-8000-000000000001',
  type: 'UpgradeSubmitted',
  schemaVersion: 1,
  streamId: 'upgrade-0192f1c4-7d2a-7b3e-9c41-5a8e2f6d1b20',
  streamVersion: 8,
  occurredAt: '2027-01-10T09:00:00.000Z',
  producer: 'planning',
  correlationId: '0192f1c4-7d2a-7b3e-9c41-5a8e2f6d1b20',
  causationId: null,
  actor: { id: 'alice', role: 'planner' },
  payload: { upgradeId: '0192f1c4-7d2a-7b3e-9c41-5a8e2f6d1b20', riskScore: 62, riskLevel: 'high' },
  prevHash: HASH,
  hash: HASH,
};

const envelope = (field: keyof typeof envelopeSchema.shape, description?: string) =>
  ContractProperty(envelopeSchema.shape[field], { example: EVENT_EXAMPLE[field], description });

/** An event envelope as published, as the caller's role may see it (EVENT_VISIBILITY). */
export class VisibleEvent {
  @envelope('eventId') eventId!: string;
  @envelope('type') type!: string;
  @envelope('schemaVersion') schemaVersion!: number;
  @envelope('streamId') streamId!: string;
  @envelope('streamVersion', 'position in its stream, from 1') streamVersion!: number;
  @envelope('occurredAt', 'the producer’s server time') occurredAt!: string;
  @envelope('producer') producer!: string;
  @envelope('correlationId', 'the upgrade (or stream) the event belongs to') correlationId!: string;
  @envelope('causationId', 'the event that caused it, if any') causationId!: string | null;
  @envelope('actor', 'the authenticated principal, or the service itself (role system)') actor!: unknown;
  @envelope('payload', 'the event’s payload (libs/contracts), without the fields listed in redacted') payload!: unknown;
  @envelope('prevHash', 'the previous event’s hash in the stream; null for the first') prevHash!: string | null;
  @envelope('hash', 'SHA-256 over the previous hash and the canonical envelope without hash') hash!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['payload.reason'],
    description: 'present only when fields were withheld from this role; the hash is still the original’s',
  })
  redacted?: string[];
}

/** A page of one upgrade's history in causal and time order; short only when it is the last. */
export class UpgradeHistoryPage {
  @ApiProperty({ type: () => [VisibleEvent] }) items!: VisibleEvent[];
  @NextCursor() next!: string | null;
}

/** The first broken link of a stream. */
export class BrokenChainLink {
  @ApiProperty({ example: 'upgrade-0192f1c4-7d2a-7b3e-9c41-5a8e2f6d1b20' }) streamId!: string;
  @ApiProperty({ type: 'integer', example: 8 }) streamVersion!: number;
  @ApiProperty({ example: '0192f1c4-7d2b-7000-8000-000000000001' }) eventId!: string;

  @ApiProperty({
    enum: ['hash-mismatch', 'prev-hash-mismatch', 'version-gap', 'conflicting-version'],
    example: 'hash-mismatch',
    description: 'conflicting-version: two different events claim one stream version',
  })
  problem!: string;

  @ApiProperty({ example: HASH }) expected!: string;
  @ApiProperty({ example: '0'.repeat(64) }) found!: string;
}

/** A signed checkpoint that cannot be trusted, or a stream that no longer matches one. */
export class CheckpointFinding {
  @ApiProperty({ enum: SERVICES, example: 'planning' }) producer!: string;
  @ApiProperty({ example: 'upgrade-0192f1c4-7d2a-7b3e-9c41-5a8e2f6d1b20' }) streamId!: string;
  @ApiProperty({ type: 'integer', example: 8 }) streamVersion!: number;

  @ApiProperty({
    enum: ['malformed-signature', 'unknown-kid', 'bad-signature', 'invalid-checkpoint', 'rewritten', 'truncated'],
    example: 'rewritten',
    description:
      'rewritten: the event at a signed version no longer has the signed hash; truncated: the stream no longer reaches it',
  })
  problem!: string;

  @ApiProperty({ example: 'version 8 no longer has the signed hash' }) detail!: string;
}

/** The log compared with the signed checkpoints (ADR 20). */
export class CheckpointVerificationResult {
  @ApiProperty({ type: 'integer', example: 4, description: 'distinct checkpoints whose signature verified' })
  checkpoints!: number;

  @ApiProperty({ type: 'integer', example: 37, description: 'signed stream heads compared with the log' })
  signedHeads!: number;

  @ApiProperty({ type: () => [CheckpointFinding] }) broken!: CheckpointFinding[];
}

/** Every hash chain held here verified: the first broken link of each stream, if any. */
export class AuditVerification {
  @ApiProperty({ example: true, description: 'no chain and no checkpoint is broken' }) ok!: boolean;
  @ApiProperty({ type: 'integer', example: 37, description: 'streams verified' }) streams!: number;
  @ApiProperty({ type: 'integer', example: 412, description: 'events verified' }) events!: number;

  @ApiProperty({ type: 'integer', example: 0, description: 'redelivered copies counted, not reported' })
  redeliveries!: number;

  @ApiProperty({ type: () => [BrokenChainLink] }) broken!: BrokenChainLink[];
  @ApiProperty({ type: () => CheckpointVerificationResult }) checkpoints!: CheckpointVerificationResult;
}
