import { createHash } from 'node:crypto';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { canonicalJson } from '@upgrade-control/contracts';
import { defer, from, of, switchMap, catchError, type Observable } from 'rxjs';
import { IdempotencyKeys, type IdempotencyScope, type StoredAnswer } from '../database/idempotency-keys.js';
import type { AuthenticatedRequest } from './auth.js';
import { problemOf } from './problem.filter.js';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyInFlight, idempotencyKeyReused } from './idempotency-problems.js';
import { invalidInput, ProblemException, type Problem } from './problem.js';

export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** 1 to 255 printable ASCII characters (a UUID is the usual choice). */
const WELL_FORMED_KEY = /^[\x20-\x7e]{1,255}$/;

/**
 * Idempotency-Key on every POST (ADR 22): the first request with a key runs and its answer is
 * stored; a retry with the same key and the same body gets that answer again, marked
 * `Idempotent-Replayed: true`, and writes nothing. The same key with another body is a 422; a
 * retry while the first still runs is a 409. Refusals (4xx) are stored like successes, so one key
 * has one outcome; a 5xx frees the key, since our 5xx answers mean nothing was decided.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly keys: IdempotencyKeys) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined || !request.actor) return next.handle();
    const key = wellFormedKey(header);
    const scope: IdempotencyScope = {
      principal: request.actor.id,
      method: request.method,
      path: request.originalUrl.split('?')[0]!,
      key,
    };
    const response = context.switchToHttp().getResponse<Response>();
    return from(this.keys.claim(scope, requestHash(request))).pipe(
      switchMap((claim) => {
        switch (claim.kind) {
          case 'claimed':
            return this.runAndStore(scope, response, next);
          case 'answered':
            return replay(response, claim.answer);
          case 'reused':
            throw new ProblemException(idempotencyKeyReused(key));
          case 'in-flight':
            throw new ProblemException(idempotencyKeyInFlight(key));
        }
      }),
    );
  }

  private runAndStore(scope: IdempotencyScope, response: Response, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      switchMap((body) =>
        defer(async () => {
          await this.keys.answer(scope, {
            status: response.statusCode,
            location: headerText(response.getHeader('location')),
            // A handler that chose its media type set it already; otherwise Nest sends JSON.
            contentType: headerText(response.getHeader('content-type')) ?? 'application/json',
            body: body === undefined ? null : JSON.stringify(body),
          });
          return body;
        }),
      ),
      catchError((error: unknown) =>
        defer(async () => {
          const refused = problemOf(error);
          if (refused.status >= 500) await this.keys.release(scope);
          else await this.keys.answer(scope, storedRefusal(refused));
          throw error;
        }),
      ),
    );
  }
}

function wellFormedKey(header: string | string[]): string {
  if (typeof header === 'string' && WELL_FORMED_KEY.test(header)) return header;
  throw invalidInput([
    {
      field: IDEMPOTENCY_KEY_HEADER,
      rule: 'idempotency-key',
      message: 'Idempotency-Key must be one value of 1 to 255 printable ASCII characters',
    },
  ]);
}

/** The body (and query) as sent, with object keys in a fixed order so a reordered body is the same. */
function requestHash(request: Request): string {
  return createHash('sha256')
    .update(canonicalJson({ body: request.body ?? null, query: request.query ?? {} }))
    .digest('hex');
}

function replay(response: Response, answer: StoredAnswer): Observable<unknown> {
  response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
  if (answer.status >= 400) throw new ProblemException(JSON.parse(answer.body!) as Problem);
  response.status(answer.status);
  if (answer.location) response.setHeader('Location', answer.location);
  // The replay is the first answer again, media type included (express keeps a type already set).
  if (answer.contentType) response.type(answer.contentType);
  return of(answer.body === null ? undefined : JSON.parse(answer.body));
}

function storedRefusal(refused: Problem): StoredAnswer {
  // `instance` is the request's URL, which the filter sets again on the replay.
  const { instance: _instance, ...rest } = refused;
  return {
    status: refused.status,
    location: null,
    contentType: 'application/problem+json',
    body: JSON.stringify(rest),
  };
}

const headerText = (value: unknown): string | null => (typeof value === 'string' ? value : null);
