import { changeFirst, type RecordSection } from './record-event.js';
import type { UpgradeRecord } from './record.js';

type Person = UpgradeRecord['responsibleStaff'][number];

/** Everyone who acted, in order of first appearance, with the kinds of event each one caused. */
export const responsibleStaff: RecordSection<Person[]> = {
  initial: () => [],
  evolve: (section, event) => {
    const { id, role } = event.actor;
    const same = (p: Person) => p.id === id && p.role === role;
    if (!section.some(same)) return [...section, { id, role, actions: [event.type] }];
    return changeFirst(section, same, (p) =>
      p.actions.includes(event.type) ? p : { ...p, actions: [...p.actions, event.type] },
    );
  },
};
