import { storedV1Event } from '../../../../../test/support/stored-event.js';
import { upcast } from '../../upcasting.js';
import { checkPayload } from '../../validation.js';

const v1Payload = {
  upgradeId: 'pg16',
  phase: 'before',
  userGroups: ['sales'],
  channel: 'email',
  sentAt: '2026-11-19T10:00:00.000Z',
  message: {
    expectedTime: null,
    serviceImpact: 'orders offline',
    limitations: null,
    contact: null,
    avoid: null,
    availableAgain: null,
    changes: null,
    knownIssues: null,
  },
};

const stored = storedV1Event({
  type: 'UsersNotified',
  streamId: 'upgrade-pg16',
  streamVersion: 12,
  producer: 'planning',
  correlationId: 'pg16',
  actor: { id: 'alice', role: 'planner' },
  payload: v1Payload,
});

describe('UsersNotified v1 → v2 upcaster', () => {
  it('takes the recorded (server) time as sent and keeps the client’s time as reported, a valid v2 payload', () => {
    const current = upcast(stored);
    expect(current.schemaVersion).toBe(2);
    expect(current.payload).toMatchObject({
      sentAt: '2026-11-25T10:00:00.000Z',
      reportedSentAt: '2026-11-19T10:00:00.000Z',
    });
    expect(checkPayload('UsersNotified', 2, current.payload)).toMatchObject({ ok: true });
    expect(checkPayload('UsersNotified', 1, v1Payload)).toMatchObject({ ok: true });
  });
});
