import { z } from 'zod';
import { defineEvent } from '../../define-event.js';
import { criticality, id, nonEmptyText, peakPeriod, versionString } from '../common.js';

/** Assessment: impact from the dependency graph, compatibility findings and their waivers. */

export const ImpactAssessed = defineEvent({
  type: 'ImpactAssessed',
  producer: 'planning',
  description:
    'Impact from the dependency graph: impacted assets, processes, user groups, peak periods and the risk score.',
  schema: z.object({
    upgradeId: id,
    impactedAssets: z.array(z.object({ assetId: id, name: z.string(), depth: z.number().int(), criticality })),
    businessProcesses: z.array(z.string()),
    userGroups: z.array(z.string()),
    peakPeriods: z.array(peakPeriod),
    highestCriticality: criticality,
    riskScore: z.number().min(0).max(100),
    riskLevel: z.enum(['low', 'medium', 'high', 'critical']),
    slaNote: z.string().nullable(),
  }),
});

const findingV1 = z.object({
  ruleId: id.nullable(),
  status: z.enum(['compatible', 'incompatible', 'unknown']),
  assetId: id,
  assetVersion: versionString,
  otherAssetId: id,
  otherVersion: versionString,
  rule: z.string().nullable(),
  source: z.string().nullable(),
});

/** Version 2 says how the pair was reached; null where version 1 did not record it. */
const finding = findingV1.extend({
  /** Dependency hops from the target to the other asset (0: two targets that change together). */
  depth: z.number().int().nonnegative().nullable(),
  /** The asset ids walked from the target to the other asset, both ends included. */
  path: z.array(id).nullable(),
});

const stage = z.enum(['submit', 'readiness', 'manual']);

export const CompatibilityAssessed = defineEvent({
  type: 'CompatibilityAssessed',
  schemaVersion: 2,
  producer: 'planning',
  description:
    'Targets checked against the compatibility rules and the current versions around them, through the dependency ' +
    'graph to the configured depth; each finding says at which depth and through which path the pair was reached.',
  schema: z.object({ upgradeId: id, stage, findings: z.array(finding) }),
});

/** Version 1 checked direct neighbours only and did not record how a pair was reached. */
export const CompatibilityAssessedV1 = defineEvent({
  type: 'CompatibilityAssessed',
  producer: 'planning',
  description: 'Superseded by version 2 (depth and path of each finding).',
  schema: z.object({ upgradeId: id, stage, findings: z.array(findingV1) }),
});

const waiverV1 = z.object({
  upgradeId: id,
  ruleId: id,
  assetId: id,
  otherAssetId: id,
  reason: nonEmptyText,
  approvedBy: id,
});

export const CompatibilityWaived = defineEvent({
  type: 'CompatibilityWaived',
  schemaVersion: 2,
  producer: 'planning',
  description:
    'An approver (the authenticated principal) accepted a failing finding, with the reason: an incompatible pair ' +
    '(its rule) or an unknown pair (no rule, ruleId null).',
  schema: waiverV1.extend({ status: z.enum(['incompatible', 'unknown']), ruleId: id.nullable() }),
});

/** Version 1 could waive incompatible findings only. */
export const CompatibilityWaivedV1 = defineEvent({
  type: 'CompatibilityWaived',
  producer: 'planning',
  description: 'Superseded by version 2 (unknown pairs can be waived too).',
  schema: waiverV1,
});
