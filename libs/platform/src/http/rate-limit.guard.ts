import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from './throttler.js';
import { PUBLIC_KEY, type AuthenticatedRequest } from './auth.js';
import { Authenticator } from './authenticator.js';
import { ProblemException, problem } from './problem.js';
import { acceptsStreamToken } from './stream-tokens.js';

const TRACKER = Symbol('rate-limit tracker');
type TrackedRequest = AuthenticatedRequest & { ip?: string; [TRACKER]?: string };

/**
 * Requests per principal (the key's name or the token's subject), over every route of the service
 * together; a request that fails authentication counts against its IP address, so guessing keys
 * or tokens is limited too, and is then refused with its 401. Past the limit: 429 problem+json
 * with Retry-After (seconds). Runs before the authorization guard, which reuses the identity.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
  ) {
    super(options, storage, reflector);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TrackedRequest>();
    const byIp = `ip:${request.ip ?? 'unknown'}`;
    let refusal: unknown = null;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()])) {
      request[TRACKER] = byIp;
    } else {
      try {
        const streamToken = acceptsStreamToken(this.reflector, context);
        request[TRACKER] = `principal:${(await this.authenticator.identify(request, { streamToken })).id}`;
      } catch (error) {
        if (!(error instanceof ProblemException) || error.problem.status !== 401) throw error;
        request[TRACKER] = byIp;
        refusal = error;
      }
    }
    await super.canActivate(context);
    if (refusal) throw refusal;
    return true;
  }

  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    return Promise.resolve((request as unknown as TrackedRequest)[TRACKER] ?? 'unknown');
  }

  /** One budget per principal for the whole service, not one per route. */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }

  protected override throwThrottlingException(_context: ExecutionContext, limit: ThrottlerLimitDetail): Promise<void> {
    const who = limit.tracker.startsWith('principal:') ? 'this principal' : 'this address';
    throw new ProblemException(
      problem(
        429,
        'too-many-requests',
        'Too many requests',
        `${who} made more than ${limit.limit} requests in ${limit.ttl / 1000} s; retry after ${limit.timeToBlockExpire} s`,
      ),
    );
  }
}
