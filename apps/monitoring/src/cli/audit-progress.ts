import cliProgress from 'cli-progress';

/** Progress of one read of the topics, in records against the high-water marks at its start. */
export interface ReplayProgress {
  start(label: string, total: number): void;
  advance(): void;
  stop(): void;
}

const silent: ReplayProgress = { start: () => {}, advance: () => {}, stop: () => {} };

/**
 * A bar on `stream` (stderr) when enabled; silent otherwise, so piped output and logs stay clean.
 * On a stream that is not a terminal (forced with --progress) it redraws every few seconds.
 */
export function replayProgress(enabled: boolean, stream: NodeJS.WritableStream): ReplayProgress {
  if (!enabled) return silent;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'audit {label} [{bar}] {percentage}% {value}/{total} records',
      noTTYOutput: true,
      notTTYSchedule: 2000,
      hideCursor: true,
      etaBuffer: 1000,
    },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  return {
    start(label, total) {
      if (running) bar.stop();
      bar.start(total, 0, { label });
      running = true;
    },
    advance: () => bar.increment(),
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
