import type { ChangeFreezeDeclared, DomainEventOf, PayloadOf } from '@upgrade-control/contracts';
import { accept, invalid, refuse, type Decider, type Decision } from '@upgrade-control/platform/domain';

export type FreezeEvent = DomainEventOf<typeof ChangeFreezeDeclared>;
export type DeclareFreeze = PayloadOf<typeof ChangeFreezeDeclared>;

/** A freeze or blackout on the change calendar; declared once, never edited. */
function decide(freeze: DeclareFreeze, state: { declared: boolean }): Decision<FreezeEvent> {
  if (state.declared) return refuse(invalid('freezeId', 'unique', `freeze ${freeze.freezeId} already exists`));
  if (Date.parse(freeze.endsAt) <= Date.parse(freeze.startsAt))
    return refuse(invalid('endsAt', 'after-start', 'a freeze must end after it starts'));
  const { all, assetIds, sites } = freeze.scope;
  if (!all && assetIds.length === 0 && sites.length === 0)
    return refuse(invalid('scope', 'not-empty', 'a freeze covers everything, some assets or some sites'));
  return accept({ type: 'ChangeFreezeDeclared', payload: freeze });
}

export const changeCalendarDecider: Decider<DeclareFreeze, FreezeEvent, { declared: boolean }> = {
  decide,
  evolve: () => ({ declared: true }),
  initialState: () => ({ declared: false }),
};

export const freezeStreamId = (freezeId: string) => `calendar-${freezeId}`;
