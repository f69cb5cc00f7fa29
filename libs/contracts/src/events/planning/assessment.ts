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

const finding = z.object({
  ruleId: id.nullable(),
  status: z.enum(['compatible', 'incompatible', 'unknown']),
  assetId: id,
  assetVersion: versionString,
  otherAssetId: id,
  otherVersion: versionString,
  rule: z.string().nullable(),
  source: z.string().nullable(),
});

export const CompatibilityAssessed = defineEvent({
  type: 'CompatibilityAssessed',
  producer: 'planning',
  description: 'Targets checked against the compatibility rules and the current versions around them.',
  schema: z.object({ upgradeId: id, stage: z.enum(['submit', 'readiness', 'manual']), findings: z.array(finding) }),
});

export const CompatibilityWaived = defineEvent({
  type: 'CompatibilityWaived',
  producer: 'planning',
  description: 'An approver accepted a failing compatibility finding, with the reason.',
  schema: z.object({ upgradeId: id, ruleId: id, assetId: id, otherAssetId: id, reason: nonEmptyText, approvedBy: id }),
});
