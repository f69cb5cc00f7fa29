import { jest } from '@jest/globals';
import { OffsetCommits } from './offset-commits.js';

const UNCOMMITTED = { topics: [{ topic: 't', partitions: [{ partition: 0, offset: '7' }] }] };

/** OffsetCommits over kafkajs's two commit functions, recording what each commit asked for. */
function commits(fail?: Error) {
  const asked: unknown[] = [];
  const errors: unknown[] = [];
  const subject = new OffsetCommits(600_000, (error) => errors.push(error));
  subject.adopt({
    commitOffsetsIfNecessary: async (offsets) => {
      asked.push(offsets ?? 'if the interval passed');
      if (fail) throw fail;
    },
    uncommittedOffsets: () => UNCOMMITTED,
  });
  return { subject, asked, errors };
}

const kafkaError = (type: string) => Object.assign(new Error(type), { type });

describe('offset commits', () => {
  afterEach(() => jest.useRealTimers());

  it('leaves the interval to kafkajs on an ordinary flush, and names every applied offset on a full one', async () => {
    const { subject, asked } = commits();
    await subject.flush(false);
    await subject.flush(true);
    expect(asked).toEqual(['if the interval passed', UNCOMMITTED]);
    await subject.close();
  });

  it('commits everything before passing on a heartbeat that found the group rebalancing', async () => {
    const { subject, asked } = commits();
    const beat = subject.heartbeat(async () => {
      throw kafkaError('REBALANCE_IN_PROGRESS');
    });
    await expect(beat()).rejects.toThrow('REBALANCE_IN_PROGRESS');
    expect(asked).toEqual([UNCOMMITTED]);
    await subject.close();
  });

  it('passes any other heartbeat failure on at once, without a commit that would wait out its retries', async () => {
    const { subject, asked } = commits();
    const beat = subject.heartbeat(async () => {
      throw new Error('Connection error: connect ECONNREFUSED');
    });
    await expect(beat()).rejects.toThrow('ECONNREFUSED');
    expect(asked).toEqual([]);
    await subject.close();
  });

  it('reports a refused commit instead of throwing it: the offsets go with the next one', async () => {
    const refused = kafkaError('ILLEGAL_GENERATION');
    const { subject, errors } = commits(refused);
    await expect(subject.flush(true)).resolves.toBeUndefined();
    expect(errors).toEqual([refused]);
    await subject.close();
  });

  it('commits nothing for a membership that crashed, until a batch of the new one', async () => {
    const { subject, asked } = commits();
    subject.forget();
    await subject.flush(true);
    expect(asked).toEqual([]);
    await subject.close();
  });

  it('commits on its timer when no batch comes, and everything when closed', async () => {
    jest.useFakeTimers();
    const asked: unknown[] = [];
    const subject = new OffsetCommits(1000, () => undefined);
    subject.adopt({
      commitOffsetsIfNecessary: async (offsets) => void asked.push(offsets ?? 'if the interval passed'),
      uncommittedOffsets: () => UNCOMMITTED,
    });
    await jest.advanceTimersByTimeAsync(2500);
    expect(asked).toEqual(['if the interval passed', 'if the interval passed']);
    await subject.close();
    expect(subject.closing).toBe(true);
    expect(asked.at(-1)).toEqual(UNCOMMITTED);
    await jest.advanceTimersByTimeAsync(5000);
    expect(asked).toHaveLength(3);
  });
});
