import type { Upcaster } from '../../upcaster.js';

/**
 * UsersNotified v1 → v2: v1 took sentAt from the client. The server's receipt is the event's own
 * recorded time (occurredAt, from the service clock), so that becomes sentAt; the client's time is
 * kept as what the sender reported.
 */
const usersNotifiedV1ToV2: Upcaster = {
  type: 'UsersNotified',
  fromVersion: 1,
  upcast: ({ sentAt, ...rest }, event) => ({ ...rest, sentAt: event.occurredAt, reportedSentAt: sentAt }),
};

/** UpgradeApproved v1 → v2: an approval approved the plan as it stood just before it. */
const upgradeApprovedV1ToV2: Upcaster = {
  type: 'UpgradeApproved',
  fromVersion: 1,
  upcast: (payload, event) => ({ ...payload, planVersion: event.streamVersion - 1 }),
};

/** CompatibilityAssessed v1 → v2: how each pair was reached was not recorded. */
const compatibilityAssessedV1ToV2: Upcaster = {
  type: 'CompatibilityAssessed',
  fromVersion: 1,
  upcast: ({ findings, ...rest }) => ({
    ...rest,
    findings: (findings as object[]).map((f) => ({ ...f, depth: null, path: null })),
  }),
};

/** CompatibilityWaived v1 → v2: version 1 waived incompatible findings only. */
const compatibilityWaivedV1ToV2: Upcaster = {
  type: 'CompatibilityWaived',
  fromVersion: 1,
  upcast: (payload) => ({ ...payload, status: 'incompatible' }),
};

/** TestEvidenceRecorded v1 → v2: the run named no pairs, so it is pilot evidence for none. */
const testEvidenceRecordedV1ToV2: Upcaster = {
  type: 'TestEvidenceRecorded',
  fromVersion: 1,
  upcast: (payload) => ({ ...payload, pairsCovered: [] }),
};

export const planningUpcasters: Upcaster[] = [
  usersNotifiedV1ToV2,
  upgradeApprovedV1ToV2,
  compatibilityAssessedV1ToV2,
  compatibilityWaivedV1ToV2,
  testEvidenceRecordedV1ToV2,
];
