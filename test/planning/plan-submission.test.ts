import { devToken } from '@upgrade-control/platform/testing/http';
import { planningWithInventory } from './planning-services.js';
import { pilotWaveFor } from './support/waves-over-http.js';

describe('planning service: submission and approval', () => {
  const services = planningWithInventory();
  const { as, draft } = services;

  it('refuses a submit with missing gates, naming each, and writes nothing', async () => {
    await as('planner')
      .post('/upgrades')
      .send({
        upgradeId: 'bare',
        title: 'bare',
        category: 'feature',
        purpose: 'new kiosk layout for shops',
        targets: [{ assetId: 'kiosk', toVersion: '3.2' }],
      })
      .expect(201);
    const before = await services.planning.eventCount();
    const { body } = await as('planner').post('/upgrades/bare/submit').expect(422);
    expect(body).toMatchObject({
      status: 422,
      title: 'Gate refused',
      detail:
        'the plan cannot go to approval: impact, backup, rollback, test-evidence, acceptance-criteria, runbook not met',
    });
    expect(
      body.gates
        .filter((g: { status: string }) => g.status === 'failed')
        .map((g: { gate: string; missing: string[] }) => [g.gate, g.missing]),
    ).toEqual([
      ['impact', ['an impact assessment']],
      ['backup', ['a backup plan for kiosk']],
      ['rollback', ['a rollback plan']],
      ['test-evidence', ['a recorded test run']],
      ['acceptance-criteria', ['acceptance criteria']],
      ['runbook', ['runbook steps']],
    ]);
    expect(await services.planning.eventCount()).toBe(before);
  });

  describe('approving a critical, irreversible plan', () => {
    beforeAll(async () => {
      await draft('pay16', 'payments-db', '16.2', { rollback: { reversibility: 'forward-fix-only' } });
      await as('approver2').post('/upgrades/pay16/irreversible-acknowledgements').expect(200);
      // An irreversible migration starts with a pilot wave (issue 18).
      await pilotWaveFor(services.planning, 'pay16', ['payments-db']).expect(200);
      await as('planner').post('/upgrades/pay16/submit').expect(200);
    });

    it('refuses self-approval', async () => {
      const self = await services.planning.anonymous
        .post('/upgrades/pay16/approvals')
        .set('authorization', `Bearer ${await devToken('alice', 'approver')}`)
        .send({})
        .expect(403);
      expect(self.body.detail).toBe('separation of duties: alice requested this upgrade and cannot approve it');
    });

    it('needs two distinct approvers', async () => {
      await as('approver').post('/upgrades/pay16/approvals').send({}).expect(200);
      expect((await as('observer').get('/upgrades/pay16')).body.status).toBe('Submitted');
      const twice = await as('approver').post('/upgrades/pay16/approvals').send({}).expect(400);
      expect(twice.body.errors[0]).toMatchObject({ field: 'approver', rule: 'distinct-approvers' });
      await as('approver2').post('/upgrades/pay16/approvals').send({}).expect(200);
      expect((await as('observer').get('/upgrades/pay16')).body).toMatchObject({
        status: 'Approved',
        submission: { approvalPath: 'strict', requiredApprovals: 2 },
      });
    });
  });

  it('answers one of two concurrent edits pinned by If-Match with 412', async () => {
    await as('planner')
      .post('/upgrades')
      .send({
        upgradeId: 'race',
        title: 'race',
        category: 'bug-fix',
        purpose: 'fix the kiosk crash on printing',
        targets: [{ assetId: 'kiosk', toVersion: '3.1.1' }],
      })
      .expect(201);
    const version = (await services.planning.store.readStream('upgrade-race')).length;
    const [a, b] = await Promise.all(
      ['reportly', 'orders-db'].map((assetId) =>
        as('planner')
          .post('/upgrades/race/targets')
          .set('if-match', `"${version}"`)
          .send({ assetId, toVersion: '9.9', reason: 'bundle' }),
      ),
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 412]);
    expect([a!, b!].find((r) => r.status === 412)!.body).toMatchObject({
      type: 'urn:upgrade-control:problem:precondition-failed',
      title: 'Precondition failed',
      expectedVersion: version,
      actualVersion: version + 1,
    });
  });

  it('takes an emergency through the short path without a test run', async () => {
    await as('planner')
      .post('/upgrades')
      .send({
        upgradeId: 'cve',
        title: 'kiosk CVE',
        category: 'security-fix',
        purpose: 'fix authentication vulnerability in kiosk',
        targets: [{ assetId: 'kiosk', toVersion: '3.1.9' }],
        urgencyOverride: { urgency: 'emergency', justification: 'exploited in the wild since this morning' },
      })
      .expect(201);
    for (const [method, path, body, status] of [
      ['post', 'impact', {}, 200],
      [
        'post',
        'backups',
        {
          assetId: 'kiosk',
          scope: 'configuration',
          method: 'export',
          location: 'git',
          retentionDays: 7,
          restoreMethod: 'import',
          expectedRestoreMinutes: 5,
        },
        200,
      ],
      [
        'put',
        'rollback-plan',
        {
          decisionOwner: 'alice',
          triggers: [{ kind: 'acceptance-failure', mode: 'confirm' }],
          steps: ['reinstall 3.1'],
          estimatedMinutes: 20,
          dataLossExposure: 'none',
          reversibility: 'reversible',
        },
        200,
      ],
      ['post', 'rollback-plan/decision-owner', { accept: true }, 200],
      [
        'put',
        'acceptance-criteria',
        { criteria: [{ order: 1, kind: 'login', core: true, description: 'login', passCondition: 'works' }] },
        200,
      ],
      ['put', 'runbook', { steps: [{ order: 1, description: 'patch' }] }, 200],
    ] as const)
      await as('planner')[method](`/upgrades/cve/${path}`).send(body).expect(status);
    const { body } = await as('planner').post('/upgrades/cve/submit').expect(200);
    expect(body.streamVersion).toBeGreaterThan(0);
    expect((await as('observer').get('/upgrades/cve')).body).toMatchObject({
      urgency: 'emergency',
      submission: { approvalPath: 'emergency', requiredApprovals: 1 },
    });
    await as('approver').post('/upgrades/cve/approvals').send({}).expect(200);
    expect((await as('observer').get('/upgrades/cve')).body.status).toBe('Approved');
  });
});
