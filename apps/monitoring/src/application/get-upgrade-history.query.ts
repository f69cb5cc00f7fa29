import { Query } from '@nestjs/cqrs';
import { viewEvent, type EventView, type Role } from '@upgrade-control/contracts';
import { pageOf, queryHandlerFor, type CursorPosition, type Page, type PageRequest } from '@upgrade-control/platform';
import { RecordLog } from './record-log.js';

/**
 * A page of one upgrade's merged history, in causal and time order (orderEvents' order), as
 * published and as `role` may see it (EVENT_VISIBILITY).
 */
export class GetUpgradeHistory extends Query<Page<EventView>> {
  constructor(
    readonly upgradeId: string,
    readonly role: Role,
    readonly page: PageRequest,
  ) {
    super();
  }
}

/**
 * Pages over the stored rows and filters them for the role, reading on until the page is full or
 * the history ends: a page is short only when it is the last, and `next` is the position of the
 * last event shown, so the events hidden from this role are skipped again and none is lost.
 */
export const GetUpgradeHistoryHandler = queryHandlerFor(
  GetUpgradeHistory,
  RecordLog,
  async (log, { upgradeId, role, page }) => {
    const shown: { position: CursorPosition; view: EventView }[] = [];
    let after = page.after;
    for (;;) {
      const rows = await log.history(upgradeId, after, page.limit + 1);
      for (const { position, envelope } of rows) {
        const view = viewEvent(role, envelope);
        if (view) shown.push({ position, view });
      }
      if (shown.length > page.limit || rows.length <= page.limit) break;
      after = rows.at(-1)!.position;
    }
    const { items, next } = pageOf(shown, page, (event) => event.position);
    return { items: items.map((event) => event.view), next };
  },
);
