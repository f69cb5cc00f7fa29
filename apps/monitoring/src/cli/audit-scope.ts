import { checkpointStreamId, type EventEnvelope } from '@upgrade-control/contracts';
import type { CheckpointFinding, FoldedVerification } from '@upgrade-control/platform';
import { matches, type EventFilter } from './audit-arguments.js';

/**
 * What a filter selects from a log read: the events it matches and their streams (one id per
 * stream, so it grows with streams, not events). A finding is reported when it lies on a matched
 * stream, or on a checkpoint stream, whose signatures vouch for every stream.
 */
export function scoped(filter: EventFilter) {
  const streams = new Set<string>();
  let events = 0;
  let tapped = false;
  const counts = (e: EventEnvelope) => matches(filter, e);
  const reported = (finding: { streamId: string; producer?: string }) =>
    streams.has(finding.streamId) ||
    (finding.producer !== undefined &&
      finding.streamId === checkpointStreamId(finding.producer as CheckpointFinding['producer']));
  return {
    counts,
    /** Passes the records on, noting what matches; a second read (the fold's answers) is not counted again. */
    async *tap(records: AsyncIterable<EventEnvelope>): AsyncGenerator<EventEnvelope> {
      const first = !tapped;
      tapped = true;
      for await (const e of records) {
        if (first && counts(e)) {
          events += 1;
          streams.add(e.streamId);
        }
        yield e;
      }
    },
    /** The verification with only the findings in scope, and how many were left out. */
    report(result: FoldedVerification) {
      const broken = result.broken.filter(reported);
      const checkpointFindings = result.checkpoints.broken.filter(reported);
      const unreportedFindings =
        result.broken.length - broken.length + result.checkpoints.broken.length - checkpointFindings.length;
      return {
        ...result,
        broken,
        checkpoints: { ...result.checkpoints, broken: checkpointFindings },
        scope: { streams: streams.size, events, unreportedFindings },
      };
    },
  };
}
