/** Raised when the environment cannot run a service as configured; the message says what to set. */
export class ConfigError extends Error {}
