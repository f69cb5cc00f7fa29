export const MESSAGE_BUS = Symbol('MessageBus');
export const LOGGER = Symbol('Logger');
export const SERVICE_CONFIG = Symbol('ServiceConfig');
export const CLOCK = Symbol('Clock');
