/** Another writer appended to the stream first; the command may be retried on fresh state. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | null,
  ) {
    super(
      actualVersion === expectedVersion
        ? `stream ${streamId} does not end in the event this append was chained to (version ${expectedVersion})`
        : `stream ${streamId} is at version ${actualVersion ?? 'unknown'}, expected ${expectedVersion}`,
    );
    this.name = 'ConcurrencyError';
  }
}
