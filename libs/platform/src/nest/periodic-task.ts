import type { Logger } from '../observability/logger.js';

/**
 * Runs `tick` every `intervalMs`, never two at once, and waits for the running one on stop.
 * For work whose state lives in the database (deadline watchdogs, detectors), so a restart or a
 * second replica needs no coordination beyond the event store's optimistic concurrency.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly tick: () => Promise<void>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.running ??= this.tick()
        .catch((error) =>
          this.logger.error({ err: error, task: this.name }, `${this.name} failed; retrying at the next tick`),
        )
        .finally(() => (this.running = null));
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
