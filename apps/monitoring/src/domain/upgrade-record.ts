import { createHash } from 'node:crypto';
import { canonicalJson, type EventEnvelope } from '@upgrade-control/contracts';
import { acceptance } from './upgrade-record/acceptance.js';
import { analysis } from './upgrade-record/analysis.js';
import { approvals } from './upgrade-record/approvals.js';
import { backups } from './upgrade-record/backups.js';
import { changedConfiguration } from './upgrade-record/changed-configuration.js';
import { compatibility } from './upgrade-record/compatibility.js';
import { configurationSnapshotsSeen, targetConfigurations } from './upgrade-record/configuration-snapshots.js';
import { followUps } from './upgrade-record/follow-ups.js';
import { issues } from './upgrade-record/issues.js';
import { notices } from './upgrade-record/notices.js';
import { outcome } from './upgrade-record/outcome.js';
import { postImplementationReview } from './upgrade-record/post-implementation-review.js';
import { proposal } from './upgrade-record/proposal.js';
import { toRecordEvent, type RecordEvent, type RecordSection } from './upgrade-record/record-event.js';
import type { UpgradeRecord } from './upgrade-record/record.js';
import { responsibleStaff } from './upgrade-record/responsible-staff.js';
import { rollback } from './upgrade-record/rollback.js';
import { skippedSteps } from './upgrade-record/skipped-steps.js';
import { tests } from './upgrade-record/tests.js';
import { times } from './upgrade-record/times.js';
import { versions } from './upgrade-record/versions.js';
import { recordWaves, rollout } from './upgrade-record/waves.js';

export type { UpgradeRecord, WaveTimeline } from './upgrade-record/record.js';

/** Causal then time order: each stream in version order, streams interleaved by time. */
export function orderEvents(events: EventEnvelope[]): EventEnvelope[] {
  const unique = [...new Map(events.map((e) => [e.eventId, e])).values()];
  return unique.sort(
    (a, b) =>
      a.occurredAt.localeCompare(b.occurredAt) ||
      a.producer.localeCompare(b.producer) ||
      a.streamId.localeCompare(b.streamId) ||
      a.streamVersion - b.streamVersion,
  );
}

const fold = <S>(events: RecordEvent[], section: RecordSection<S>): S =>
  events.reduce((state, event) => section.evolve(state, event), section.initial());

/** The upgrade's events in order, each section folded over them; the fields keep their published order. */
export function compileRecord(upgradeId: string, all: EventEnvelope[]): UpgradeRecord {
  const events = orderEvents(all.filter((e) => e.correlationId === upgradeId)).map(toRecordEvent);
  const { title, purpose } = fold(events, proposal);
  return {
    upgradeId,
    title,
    purpose,
    outcome: fold(events, outcome),
    versions: fold(events, versions),
    times: fold(events, times),
    responsibleStaff: fold(events, responsibleStaff),
    approvals: fold(events, approvals),
    backups: fold(events, backups),
    configurationSnapshots: targetConfigurations(fold(events, configurationSnapshotsSeen)),
    skippedSteps: fold(events, skippedSteps),
    changedConfiguration: fold(events, changedConfiguration),
    tests: fold(events, tests),
    acceptance: fold(events, acceptance),
    issues: fold(events, issues),
    rollback: fold(events, rollback),
    notices: fold(events, notices),
    followUps: fold(events, followUps),
    postImplementationReview: fold(events, postImplementationReview),
    analysis: fold(events, analysis),
    compatibility: fold(events, compatibility),
    // Only an upgrade with a rollout has the field, so the hashes of the others stay what they were.
    ...recordWaves(fold(events, rollout)),
    eventCount: events.length,
  };
}

export const recordHash = (record: UpgradeRecord) => createHash('sha256').update(canonicalJson(record)).digest('hex');
