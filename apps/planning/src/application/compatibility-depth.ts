import { typedToken } from '@upgrade-control/platform';

/** How many dependency hops the compatibility check follows (COMPATIBILITY_DEPTH, a deployment setting). */
export const COMPATIBILITY_DEPTH = typedToken<number>('CompatibilityDepth');
