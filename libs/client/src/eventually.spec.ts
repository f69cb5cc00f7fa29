import { eventually } from './eventually.js';
import { all } from './pages.js';
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

describe('reading every page of a list', () => {
  it('follows next until the last page', async () => {
    const pages: Record<string, { items: number[]; next: string | null }> = {
      first: { items: [1, 2], next: 'c2' },
      c2: { items: [3], next: 'c3' },
      c3: { items: [], next: null },
    };
    const asked: (string | undefined)[] = [];
    expect(
      await all(async (cursor) => {
        asked.push(cursor);
        return pages[cursor ?? 'first']!;
      }),
    ).toEqual([1, 2, 3]);
    expect(asked).toEqual([undefined, 'c2', 'c3']);
  });

  it('refuses a list that repeats its cursor', async () => {
    await expect(all(async () => ({ items: [1], next: 'same' }))).rejects.toThrow('the list repeats its cursor same');
  });
});
