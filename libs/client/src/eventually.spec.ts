import { eventually } from './eventually.js';
import { ApiProblem } from './problem.js';

const notYet = (status: number) => new ApiProblem('getUpgradePlan (GET /upgrades/{upgradeId})', status, undefined);

describe('waiting for another service to catch up', () => {
  it('retries refusals that eventual consistency explains and answers that are not there yet', async () => {
    const answers: (() => string | undefined)[] = [
      () => {
        throw notYet(404);
      },
      () => undefined,
      () => {
        throw notYet(422);
      },
      () => 'caught up',
    ];
    expect(await eventually('planning', async () => answers.shift()!(), { everyMs: 1 })).toBe('caught up');
    expect(answers).toHaveLength(0);
  });

  it('does not retry a refusal that waiting cannot change', async () => {
    let attempts = 0;
    await expect(
      eventually('planning', async () => {
        attempts += 1;
        throw notYet(403);
      }),
    ).rejects.toMatchObject({ status: 403 });
    expect(attempts).toBe(1);
  });

  it('gives up at the deadline with the last refusal', async () => {
    await expect(
      eventually(
        'planning',
        async () => {
          throw notYet(409);
        },
        { timeoutMs: 20, everyMs: 5 },
      ),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('gives up at the deadline naming what it waited for', async () => {
    await expect(eventually('the record', async () => false, { timeoutMs: 20, everyMs: 5 })).rejects.toThrow(
      'timed out after 20 ms waiting for the record',
    );
  });
});
