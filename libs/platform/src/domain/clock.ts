/** Time is passed in, never read inside a decider; services inject this, tests control it. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
