import { CommitSignal } from './commit-signal.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('commit signal', () => {
  it('wakes the publishing relay in this process and sends no NOTIFY', async () => {
    let notified = 0;
    const signal = new CommitSignal(async () => notified++, 1);
    let woken = 0;
    signal.subscribe(() => {
      woken++;
      return true;
    });
    signal.committed();
    signal.committed();
    await settle();
    expect(woken).toBe(2);
    expect(notified).toBe(0);
  });

  it('sends one NOTIFY for a burst of commits when no relay here is publishing', async () => {
    let notified = 0;
    const signal = new CommitSignal(async () => notified++, 5);
    signal.subscribe(() => false); // a standby relay
    for (let i = 0; i < 10; i++) signal.committed();
    await settle();
    expect(notified).toBe(1);
    signal.committed();
    await settle();
    expect(notified).toBe(2);
  });

  it('stops waking a listener that unsubscribed', async () => {
    let notified = 0;
    const signal = new CommitSignal(async () => notified++, 1);
    const unsubscribe = signal.subscribe(() => true);
    unsubscribe();
    signal.committed();
    await settle();
    expect(notified).toBe(1);
  });
});
