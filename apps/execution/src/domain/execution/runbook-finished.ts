import { gateRefused } from '@upgrade-control/platform/domain';
import type { Run } from '../execution.state.js';
import { gate } from './shared.js';

/** Every runbook step completed or skipped by an approver: null when so, else the refusal naming the rest. */
export function runbookUnfinished(run: Run, refused: string) {
  const open = run.plan.steps.filter((s) => run.steps[s.stepId] !== 'completed' && run.steps[s.stepId] !== 'skipped');
  if (!open.length) return null;
  return gateRefused(
    `${refused} before every runbook step is completed or skipped: ${open.map((s) => s.stepId).join(', ')}`,
    [
      gate(
        'runbook-finished',
        'Every runbook step is completed, or skipped by an approver with a reason, before the upgrade is applied and completed.',
        open.map((s) => `step ${s.stepId} completed or skipped (it is ${run.steps[s.stepId] ?? 'not started'})`),
        'complete each step, or have an approver skip it with a reason',
      ),
    ],
  );
}
