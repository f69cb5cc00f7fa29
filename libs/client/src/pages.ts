/** Lists are cursor pages (`{ items, next }`): this follows `next` until the last page. */

export interface Page<Item> {
  items: Item[];
  next?: string | null;
}

/**
 * Every item of a list: `page(cursor)` fetches one page (the first with cursor undefined). A page
 * that repeats a cursor would loop forever; that is an error, not the end.
 */
export async function all<Item>(page: (cursor: string | undefined) => Promise<Page<Item>>): Promise<Item[]> {
  const items: Item[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const current = await page(cursor);
    items.push(...current.items);
    if (current.next === undefined || current.next === null) return items;
    if (seen.has(current.next)) throw new Error(`the list repeats its cursor ${current.next}`);
    seen.add(current.next);
    cursor = current.next;
  }
}
