import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';

export interface LogContext {
  correlationId?: string;
  requestId?: string;
}

/** Carries the correlation id through async work, so every log line of a request names its upgrade. */
export const logContext = new AsyncLocalStorage<LogContext>();

export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => ({ ...logContext.getStore() }),
  });
}

export type { Logger };
