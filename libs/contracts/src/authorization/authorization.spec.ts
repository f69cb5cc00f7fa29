import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { eventCatalogue } from '../catalogue.js';
import { ROLES, type EventEnvelope } from '../envelope.js';
import { EVENT_VISIBILITY, viewEvent, visibilityOf } from './event-visibility.js';
import { authorizationMarkdown, AUTHORIZATION_END, AUTHORIZATION_START } from './markdown.js';
import { mayCall, OPERATIONS, operationNames } from './operations.js';

const envelope = (type: string, payload: Record<string, unknown>): EventEnvelope => ({
  eventId: '0190a0a0-0000-7000-8000-000000000001',
  type,
  schemaVersion: 1,
  streamId: 'upgrade-u1',
  streamVersion: 3,
  occurredAt: '2026-11-26T09:00:00.000Z',
  producer: 'planning',
  correlationId: 'u1',
  causationId: null,
  actor: { id: 'alice', role: 'planner' },
  payload,
  prevHash: null,
  hash: 'a'.repeat(64),
});

const delivery = {
  deliveryId: 'd1',
  userGroup: 'sales',
  subscriptionId: 's1',
  url: 'https://hooks.example/T0/B0/token',
  secretFingerprint: '0123456789abcdef',
};
const requested = envelope('NoticeRequested', { upgradeId: 'u1', noticeId: 'n1', deliveries: [delivery, delivery] });

describe('the authorization table', () => {
  it('names each route once per service', () => {
    const routes = Object.values(OPERATIONS).map((o) => `${o.service} ${o.method} ${o.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('grants system nothing: no HTTP caller holds it', () => {
    expect(operationNames.filter((name) => OPERATIONS[name].access !== 'public' && mayCall(name, 'system'))).toEqual(
      [],
    );
    for (const type of eventCatalogue.map((e) => e.type)) expect(visibilityOf('system', type)).toBe('none');
  });

  it('lets an agent attest what it measured, and read nothing', () => {
    expect(operationNames.filter((name) => OPERATIONS[name].access !== 'public' && mayCall(name, 'agent'))).toEqual([
      'captureConfigurationSnapshot',
      'recordTestEvidence',
      'recordBackupTaken',
      'recordBackupVerification',
      'ingestMetricSamples',
    ]);
  });

  it('is rendered in README.md as it stands (run npm run docs:authz after changing it)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(
      readme.indexOf(AUTHORIZATION_START),
      readme.indexOf(AUTHORIZATION_END) + AUTHORIZATION_END.length,
    );
    expect(section).toBe(authorizationMarkdown());
  });
});

describe('what each role sees of the events', () => {
  it('lists only event types of the catalogue, and redacts only fields their schemas have', () => {
    const catalogue = new Map(eventCatalogue.map((e) => [e.type, e]));
    for (const category of Object.values(EVENT_VISIBILITY)) {
      if (category.types !== 'every other type')
        for (const type of category.types) expect(catalogue.has(type)).toBe(true);
      for (const [type, paths] of Object.entries('redactions' in category ? category.redactions : {})) {
        const shape = JSON.stringify(
          z.toJSONSchema(catalogue.get(type)!.schema, { io: 'input', unrepresentable: 'any' }),
        );
        for (const path of paths)
          for (const field of path.split('.')) expect(shape).toContain(`"${field.replace('[]', '')}"`);
      }
    }
  });

  it('shows auditors, planners and operators a notice with its webhook targets', () => {
    for (const role of ['auditor', 'planner', 'operator'] as const) expect(viewEvent(role, requested)).toBe(requested);
  });

  it('shows approvers a notice without the webhook URLs and fingerprints, and says what it left out', () => {
    const view = viewEvent('approver', requested)!;
    expect(view.payload.deliveries).toEqual([
      { deliveryId: 'd1', userGroup: 'sales', subscriptionId: 's1' },
      { deliveryId: 'd1', userGroup: 'sales', subscriptionId: 's1' },
    ]);
    expect(view.redacted).toEqual(['payload.deliveries[].url', 'payload.deliveries[].secretFingerprint']);
    expect(JSON.stringify(view)).not.toContain('hooks.example');
    expect(requested.payload.deliveries).toEqual([delivery, delivery]);
  });

  it('drops the reason of a failed delivery (it names the URL) for approvers', () => {
    const failed = envelope('NoticeDeliveryFailed', { noticeId: 'n1', reason: 'https://hooks.example/x answered 404' });
    expect(viewEvent('approver', failed)!.payload).toEqual({ noticeId: 'n1' });
  });

  it('shows observers no notice deliveries, and every other event', () => {
    expect(viewEvent('observer', requested)).toBeNull();
    const approved = envelope('UpgradeApproved', { upgradeId: 'u1' });
    expect(viewEvent('observer', approved)).toBe(approved);
  });

  it('serves agents and the system role no event at all', () => {
    for (const type of eventCatalogue.map((e) => e.type)) {
      expect(viewEvent('agent', envelope(type, {}))).toBeNull();
      expect(ROLES.filter((role) => viewEvent(role, envelope(type, {})) !== null)).not.toContain('system');
    }
  });
});
