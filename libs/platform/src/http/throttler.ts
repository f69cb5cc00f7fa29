// @nestjs/throttler is CommonJS and requires @nestjs/common, which is ESM. Loaded statically next
// to @nestjs/common, jest's ESM runtime sees a require(esm) cycle; imported once @nestjs/common
// has been evaluated (this module's static import), it loads in Node and in jest alike.
import '@nestjs/common';

const throttler = await import('@nestjs/throttler');

export const {
  ThrottlerGuard,
  SkipThrottle,
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  getOptionsToken,
  getStorageToken,
} = throttler;
export type { ThrottlerLimitDetail, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
