import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
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

/**
 * A provider whose `tick` runs as a PeriodicTask from application bootstrap (when the platform's
 * consumer and relay run too) until shutdown, which waits for a running tick.
 */
export abstract class PeriodicService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  protected constructor(name: string, intervalMs: number, logger: Logger) {
    this.task = new PeriodicTask(name, intervalMs, () => this.tick(), logger);
  }

  protected abstract tick(): Promise<void>;

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
