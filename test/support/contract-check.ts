import type request from 'supertest';
import type { Response } from 'supertest';
import type { responseValidator } from '@upgrade-control/contracts/response-validator';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'options';
export type CheckedAgent = Record<Method, (url: string) => request.Test>;
const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete', 'options'];

/**
 * supertest against a service whose every answer is checked by `validate`, the service's own
 * OpenAPI document's response validator: a status, media type or body the document does not declare fails the test with the
 * validator's messages, so the contract cannot drift from what the code answers.
 */
export function checkedAgent(
  http: ReturnType<typeof request>,
  validate: ReturnType<typeof responseValidator>,
  prepare: (test: request.Test) => request.Test = (test) => test,
): CheckedAgent {
  return Object.fromEntries(
    METHODS.map((method) => [
      method,
      (url: string) =>
        prepare(http[method](url)).expect((response: Response) => {
          const messages = validate({
            method,
            path: new URL(url, 'http://service').pathname,
            status: response.status,
            contentType: response.headers['content-type'] ?? null,
            body: isJson(response) ? response.body : response.text,
          });
          if (messages.length)
            throw new Error(
              `the answer breaks the OpenAPI document:\n  ${messages.join('\n  ')}\nbody: ${snippet(response)}`,
            );
        }),
    ]),
  ) as CheckedAgent;
}

const isJson = (response: Response) => /[/+]json\b/.test(response.headers['content-type'] ?? '');

function snippet(response: Response): string {
  const text = isJson(response) ? JSON.stringify(response.body) : String(response.text ?? '');
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}
