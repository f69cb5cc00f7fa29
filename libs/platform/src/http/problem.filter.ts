import { ArgumentsHost, Catch, HttpException, HttpStatus, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConcurrencyError } from '../event-store/concurrency-error.js';
import { ContractViolationError } from '../event-store/contract-violation.js';
import { EventTooLargeError } from '../event-store/event-too-large.js';
import { isTransient } from '../messaging/failure-class.js';
import type { Logger } from '../observability/logger.js';
import { ProblemException, invalidInput, problem, type Problem } from './problem.js';
import { withoutAccessToken } from './correlation.middleware.js';

const TITLES: Record<number, [string, string]> = {
  400: ['invalid-input', 'Invalid request'],
  401: ['unauthenticated', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable', 'Unprocessable request'],
};

/** Every error leaves the service as application/problem+json; unexpected ones are logged, not leaked. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const body: Problem = problemOf(exception);
    body.instance = request.originalUrl;
    if (body.status >= 500)
      this.logger.error({ err: exception, path: withoutAccessToken(request.originalUrl) }, 'unhandled error');
    // Unless whoever refused said when to come back (e.g. a full stream cap).
    if (body.status === HttpStatus.SERVICE_UNAVAILABLE && !response.getHeader('Retry-After'))
      response.setHeader('Retry-After', '2');
    response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }
}

/** The problem an exception leaves the service as (the idempotency store keeps it for replays too). */
export function problemOf(exception: unknown): Problem {
  if (exception instanceof ProblemException) return { ...exception.problem };
  if (exception instanceof EventTooLargeError) return eventTooLarge(exception);
  if (exception instanceof ContractViolationError)
    return invalidInput(
      exception.issues.map((i) => ({ field: i.path || '(body)', rule: 'contract', message: i.message })),
    ).problem;
  // body-parser's errors (malformed JSON, too large) arrive as HttpExceptions caused by them, or bare
  const bodyProblem = fromBodyParser(((exception as Error)?.cause ?? exception) as BodyParserError);
  if (bodyProblem) return bodyProblem;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const [slug, title] = TITLES[status] ?? ['http-error', 'Request failed'];
    const response = exception.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    return problem(
      status,
      slug,
      title,
      Array.isArray(message) ? message.join('; ') : String(message ?? exception.message),
    );
  }
  const status = (exception as { status?: number }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const [slug, title] = TITLES[status] ?? ['http-error', 'Request failed'];
    return problem(status, slug, title, (exception as Error).message);
  }
  if (exception instanceof ConcurrencyError)
    return problem(HttpStatus.CONFLICT, 'conflict', 'Conflict', `${exception.message}; reload and retry`);
  // The database or the broker is away for a moment: the client may simply try again.
  if (isTransient(exception))
    return problem(
      HttpStatus.SERVICE_UNAVAILABLE,
      'unavailable',
      'Service unavailable',
      'A dependency (database or broker) is not reachable right now; nothing was written. Retry shortly.',
      { retryAfterSeconds: 2 },
    );
  return problem(
    HttpStatus.INTERNAL_SERVER_ERROR,
    'internal',
    'Internal error',
    'An unexpected error occurred; it has been logged.',
  );
}

interface BodyParserError extends Error {
  type?: string;
  limit?: number;
  length?: number;
}

function fromBodyParser(error: BodyParserError): Problem | null {
  if (error?.type === 'entity.too.large') {
    const size = error.length ? `${error.length} bytes` : 'larger than that';
    return problem(
      413,
      'payload-too-large',
      'Payload too large',
      `the request body may be at most ${error.limit} bytes (HTTP_BODY_LIMIT_BYTES); this one is ${size}`,
      { limitBytes: error.limit },
    );
  }
  if (error?.type === 'entity.parse.failed') {
    return invalidInput([{ field: '(body)', rule: 'json', message: `the body is not valid JSON: ${error.message}` }])
      .problem;
  }
  return null;
}

function eventTooLarge(error: EventTooLargeError): Problem {
  const message = `the resulting ${error.eventType} event would be ${error.sizeBytes} bytes, above the event size limit of ${error.limitBytes} bytes (EVENT_MAX_BYTES); ${error.field} is its largest part`;
  return problem(422, 'event-too-large', 'Event too large', message, {
    errors: [{ field: error.field, rule: 'max-event-bytes', message }],
    limitBytes: error.limitBytes,
    sizeBytes: error.sizeBytes,
  });
}
