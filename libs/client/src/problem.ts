/**
 * Refusals as values: an answer outside 2xx becomes an ApiProblem carrying the status and the
 * RFC 9457 problem body, so callers (and tests) can assert on the refusal and its text.
 */

/** The RFC 9457 problem every service answers with (plus the validation and gate details). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; rule: string; message: string }[];
  gates?: unknown[];
  [extension: string]: unknown;
}

export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';

  constructor(
    /** The operation refused, e.g. `proposeUpgrade (POST /upgrades)`. */
    readonly operation: string,
    readonly status: number,
    /** The problem body; text when the service answered something other than JSON. */
    readonly problem: Problem | string | undefined,
  ) {
    super(`${operation} → ${status}: ${describe(problem)}`);
  }

  /** The problem's detail (or its title, or the text answered). */
  get detail(): string {
    return describe(this.problem);
  }
}

function describe(problem: Problem | string | undefined): string {
  if (problem === undefined) return 'no body';
  if (typeof problem === 'string') return problem;
  return problem.detail ?? problem.title ?? JSON.stringify(problem);
}

/**
 * What an operation's success answer is typed as. An operation whose document declares no schema
 * for it reads as `any` rather than `never`, so calling it compiles; once the document declares a
 * schema, the type is that schema and a drift is a type error.
 */
export type Answer<Data> = [Exclude<Data, undefined>] extends [never] ? Undeclared : Exclude<Data, undefined>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see Answer: undeclared, not unknowable
type Undeclared = any;

/** One openapi-fetch result: data on 2xx, error otherwise. */
export interface FetchResult<Data> {
  data?: Data;
  error?: unknown;
  response: Response;
}

const operations = new WeakMap<Response, string>();

/** Remembers which operation a response answered (set by the client for every response). */
export function nameResponse(response: Response, operation: string): void {
  operations.set(response, operation);
}

function problemOf(result: FetchResult<unknown>): ApiProblem {
  const { response } = result;
  const operation = operations.get(response) ?? `${response.url || 'request'}`;
  return new ApiProblem(operation, response.status, result.error as Problem | string | undefined);
}

/** The success body of a call; throws ApiProblem for any other answer. */
export async function ok<Data>(call: Promise<FetchResult<Data>>): Promise<Answer<Data>> {
  const result = await call;
  if (!result.response.ok) throw problemOf(result);
  return result.data as Answer<Data>;
}

/**
 * The refusal a call was expected to meet: resolves to the ApiProblem when the service answered
 * `status`, throws when it answered anything else (the unexpected problem itself for a 4xx/5xx).
 */
export async function refusal(call: Promise<FetchResult<unknown>>, status: number): Promise<ApiProblem> {
  const result = await call;
  if (result.response.status === status) return problemOf(result);
  if (!result.response.ok) throw problemOf(result);
  const operation = operations.get(result.response) ?? result.response.url;
  throw new Error(`${operation} → ${result.response.status}: expected a ${status} refusal`);
}
