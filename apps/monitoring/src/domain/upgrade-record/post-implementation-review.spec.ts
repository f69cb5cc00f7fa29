import type { Actor, EventEnvelope } from '@upgrade-control/contracts';
import { storedV1Event } from '../../../../../test/support/stored-event.js';
import { recordToMarkdown } from '../record-markdown.js';
import { compileRecord } from '../upgrade-record.js';

const bob: Actor = { id: 'bob', role: 'approver' };
const oscar: Actor = { id: 'oscar', role: 'operator' };

/** One of the emergency's planning events, at a minute past 01:00 on 13 December. */
const planning = (type: string, minute: number, payload: Record<string, unknown>, actor: Actor): EventEnvelope =>
  storedV1Event({
    eventId: `${type}-${minute}`,
    type,
    streamId: 'upgrade-hotfix',
    producer: 'planning',
    correlationId: 'hotfix',
    actor,
    payload: { upgradeId: 'hotfix', ...payload },
    streamVersion: minute,
    occurredAt: new Date(Date.UTC(2026, 11, 13, 1, minute)).toISOString(),
  });

const due = planning(
  'PostImplementationReviewDue',
  1,
  { status: 'Monitoring', dueAt: '2026-12-18T01:01:00.000Z', causedByEventId: 'accepted' },
  { id: 'planning-service', role: 'system' },
);
const closed = planning(
  'PostImplementationReviewClosed',
  2,
  {
    closedBy: 'bob',
    findings: 'no tested rollback',
    rootCause: 'an exploited CVE',
    lessons: 'keep a rehearsed rollback at hand',
    followUps: [{ followUp: 1, action: 'rehearse the rollback', owner: 'oscar', dueAt: '2026-12-20T12:00:00Z' }],
  },
  bob,
);
const done = planning('PostImplementationFollowUpDone', 3, { followUp: 1, doneBy: 'oscar' }, oscar);

describe('upgrade record: the post-implementation review', () => {
  it('shows when it fell due, who closed it with what, and each follow-up as its owner did it', () => {
    expect(compileRecord('hotfix', [due, closed, done]).postImplementationReview).toEqual({
      dueAt: '2026-12-18T01:01:00.000Z',
      status: 'closed',
      closedBy: 'bob',
      closedAt: '2026-12-13T01:02:00.000Z',
      findings: 'no tested rollback',
      rootCause: 'an exploited CVE',
      lessons: 'keep a rehearsed rollback at hand',
      followUps: [
        {
          followUp: 1,
          action: 'rehearse the rollback',
          owner: 'oscar',
          dueAt: '2026-12-20T12:00:00Z',
          doneBy: 'oscar',
          doneAt: '2026-12-13T01:03:00.000Z',
        },
      ],
    });
  });

  it('lists the owed review as a follow-up, open when due and closed with the review', () => {
    expect(compileRecord('hotfix', [due]).followUps).toEqual([
      expect.objectContaining({ followUpId: 'post-implementation-review', status: 'open' }),
    ]);
    expect(compileRecord('hotfix', [due, closed]).followUps).toEqual([
      expect.objectContaining({ status: 'closed', resolution: 'closed by bob: no tested rollback' }),
    ]);
  });

  it('exports it to Markdown with its follow-ups', () => {
    const markdown = recordToMarkdown(compileRecord('hotfix', [due, closed, done]), 'h');
    expect(markdown).toContain('## Post-implementation review');
    expect(markdown).toContain(
      '- Due 2026-12-18T01:01:00.000Z — **closed**, closed by bob at 2026-12-13T01:02:00.000Z',
    );
    expect(markdown).toContain(
      '| 1 | rehearse the rollback | oscar | 2026-12-20T12:00:00Z | 2026-12-13T01:03:00.000Z by oscar |',
    );
  });

  it('has none for a change that owes no review', () => {
    const record = compileRecord('hotfix', []);
    expect(record.postImplementationReview).toBeNull();
    expect(recordToMarkdown(record, 'h')).not.toContain('Post-implementation review');
  });
});
