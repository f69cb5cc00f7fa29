import { ApiProblem, ok, refusal } from './problem.js';
import { createUpgradeControlClient, ResponseContractError, type ResponseCheck } from './client.js';

const urls = {
  inventory: 'http://inventory.test',
  planning: 'http://planning.test',
  execution: 'http://execution.test',
  monitoring: 'http://monitoring.test:8080/monitoring',
};

/** An in-memory service landscape: records each request and answers with `answer`. */
function landscape(answer: (request: Request) => Response = () => Response.json({ ok: true })) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return answer(request);
  };
  return { requests, fetch };
}

describe('the typed client', () => {
  it('sends each path to the service whose servers the document names for it', async () => {
    const { requests, fetch } = landscape();
    const client = createUpgradeControlClient({ urls, apiKey: 'dev-observer', fetch });
    await client.GET('/assets/{assetId}', { params: { path: { assetId: 'pg-1' } } });
    await client.GET('/upgrades/{upgradeId}', { params: { path: { upgradeId: 'u-1' } } });
    await client.POST('/executions/{upgradeId}/start', { params: { path: { upgradeId: 'u-1' } } });
    await client.GET('/audit/verify');
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET http://inventory.test/assets/pg-1',
      'GET http://planning.test/upgrades/u-1',
      'POST http://execution.test/executions/u-1/start',
      'GET http://monitoring.test:8080/monitoring/audit/verify',
    ]);
  });

  it('names the serving service of a path template and refuses a path the document does not have', () => {
    const client = createUpgradeControlClient({ urls });
    expect(client.serviceOf('/calendar')).toBe('planning');
    expect(client.serviceOf('/records/{upgradeId}')).toBe('monitoring');
    expect(() => client.serviceOf('/nowhere')).toThrow(
      'no service serves /nowhere: it is not a path of docs/openapi.json',
    );
  });

  it('sends an API key as x-api-key', async () => {
    const { requests, fetch } = landscape();
    await createUpgradeControlClient({ urls, apiKey: 'dev-planner', fetch }).GET('/audit/verify');
    expect(requests[0]!.headers.get('x-api-key')).toBe('dev-planner');
    expect(requests[0]!.headers.get('authorization')).toBeNull();
  });

  it('sends a token as a bearer authorization', async () => {
    const { requests, fetch } = landscape();
    await createUpgradeControlClient({ urls, bearer: 'eyJ.token', fetch }).GET('/audit/verify');
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer eyJ.token');
    expect(requests[0]!.headers.get('x-api-key')).toBeNull();
  });

  it('refuses two credentials at once', () => {
    expect(() => createUpgradeControlClient({ urls, apiKey: 'k', bearer: 't' })).toThrow(
      'give either apiKey or bearer, not both',
    );
  });

  it('uses the global fetch of the moment when none is given', async () => {
    const original = globalThis.fetch;
    const seen: string[] = [];
    globalThis.fetch = async (input, init) => {
      seen.push(`${init?.method} ${String(input)} ${new TextDecoder().decode(init?.body as ArrayBuffer)}`);
      return Response.json({}, { status: 201 });
    };
    try {
      const client = createUpgradeControlClient({ urls });
      await client.POST('/calendar/freezes', { body: { freezeId: 'f' } as never });
    } finally {
      globalThis.fetch = original;
    }
    expect(seen).toEqual(['POST http://planning.test/calendar/freezes {"freezeId":"f"}']);
  });
});

describe('checking answers against the contract', () => {
  it('hands the validator the concrete path, status, content type and parsed body', async () => {
    const { fetch } = landscape(() => Response.json({ status: 'Draft' }));
    const exchanges: Parameters<ResponseCheck>[0][] = [];
    const validate: ResponseCheck = (exchange) => {
      exchanges.push(exchange);
      return [];
    };
    const client = createUpgradeControlClient({ urls, fetch, validate });
    await client.GET('/upgrades/{upgradeId}', { params: { path: { upgradeId: 'u-1' } } });
    await client.GET('/audit/verify', { params: { query: { upgradeId: 'u-1' } } });
    expect(exchanges).toEqual([
      {
        method: 'GET',
        path: '/upgrades/u-1',
        status: 200,
        contentType: 'application/json',
        body: { status: 'Draft' },
      },
      // The base URL's own path is the server's, not the operation's.
      { method: 'GET', path: '/audit/verify', status: 200, contentType: 'application/json', body: { status: 'Draft' } },
    ]);
  });

  it('throws on a mismatch, naming the operation and every message', async () => {
    const { fetch } = landscape(() => Response.json({ status: 7 }));
    const client = createUpgradeControlClient({
      urls,
      fetch,
      validate: () => ['/status must be string', 'must have required property upgradeId'],
    });
    const call = client.GET('/upgrades/{upgradeId}', { params: { path: { upgradeId: 'u-1' } } });
    await expect(call).rejects.toThrow(ResponseContractError);
    await expect(client.GET('/upgrades/{upgradeId}', { params: { path: { upgradeId: 'u-1' } } })).rejects.toMatchObject(
      {
        operation: 'getUpgradePlan (GET /upgrades/{upgradeId})',
        messages: ['/status must be string', 'must have required property upgradeId'],
        message:
          'getUpgradePlan (GET /upgrades/{upgradeId}) answered outside its contract:\n' +
          '  /status must be string\n  must have required property upgradeId',
      },
    );
  });

  it('checks refusals too, and leaves their body readable', async () => {
    const problem = { type: 'about:blank', title: 'Not Found', status: 404, detail: 'no upgrade u-9' };
    const { fetch } = landscape(() =>
      Response.json(problem, { status: 404, headers: { 'content-type': 'application/problem+json' } }),
    );
    const statuses: number[] = [];
    const client = createUpgradeControlClient({
      urls,
      fetch,
      validate: ({ status }) => (statuses.push(status), []),
    });
    const refused = await refusal(client.GET('/upgrades/{upgradeId}', { params: { path: { upgradeId: 'u-9' } } }), 404);
    expect(statuses).toEqual([404]);
    expect(refused.problem).toEqual(problem);
  });

  it('does not read an event stream as a body', async () => {
    const { fetch } = landscape(
      () => new Response(new ReadableStream(), { headers: { 'content-type': 'text/event-stream' } }),
    );
    let checked = 0;
    const client = createUpgradeControlClient({ urls, fetch, validate: () => (checked++, ['never called']) });
    const { response } = await client.GET('/streams/events', { parseAs: 'stream' });
    expect(response.status).toBe(200);
    expect(checked).toBe(0);
  });
});

describe('answers as values or refusals', () => {
  const gateProblem = {
    type: 'https://upgrade-control.example/problems/gate-refused',
    title: 'Unprocessable Content',
    status: 422,
    detail: 'gate monitoring-baseline has not passed',
  };
  const refusing = () =>
    createUpgradeControlClient({
      urls,
      fetch: landscape(() =>
        Response.json(gateProblem, { status: 422, headers: { 'content-type': 'application/problem+json' } }),
      ).fetch,
    });

  it('ok() gives the body of a success', async () => {
    const { fetch } = landscape(() => Response.json({ upgradeId: 'u-1', status: 'Draft' }));
    const client = createUpgradeControlClient({ urls, fetch });
    expect(await ok(client.GET('/upgrades/{upgradeId}', { params: { path: { upgradeId: 'u-1' } } }))).toEqual({
      upgradeId: 'u-1',
      status: 'Draft',
    });
  });

  it('ok() throws an ApiProblem naming the operation, the status and the detail', async () => {
    const call = ok(refusing().POST('/upgrades/{upgradeId}/ready', { params: { path: { upgradeId: 'u-1' } } }));
    await expect(call).rejects.toBeInstanceOf(ApiProblem);
    await expect(
      ok(refusing().POST('/upgrades/{upgradeId}/ready', { params: { path: { upgradeId: 'u-1' } } })),
    ).rejects.toMatchObject({
      status: 422,
      problem: gateProblem,
      message:
        'markReadyForExecution (POST /upgrades/{upgradeId}/ready) → 422: gate monitoring-baseline has not passed',
    });
  });

  it('refusal() gives the expected refusal and throws on a success', async () => {
    const refused = await refusal(
      refusing().POST('/upgrades/{upgradeId}/ready', { params: { path: { upgradeId: 'u-1' } } }),
      422,
    );
    expect(refused.detail).toBe('gate monitoring-baseline has not passed');
    const accepting = createUpgradeControlClient({ urls, fetch: landscape().fetch });
    await expect(
      refusal(accepting.POST('/upgrades/{upgradeId}/ready', { params: { path: { upgradeId: 'u-1' } } }), 422),
    ).rejects.toThrow('markReadyForExecution (POST /upgrades/{upgradeId}/ready) → 200: expected a 422 refusal');
  });
});
