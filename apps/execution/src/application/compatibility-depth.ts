import { typedToken } from '@upgrade-control/platform';

/** How many dependency hops the compatibility re-check at start follows (COMPATIBILITY_DEPTH, as in planning). */
export const COMPATIBILITY_DEPTH = typedToken<number>('CompatibilityDepth');
