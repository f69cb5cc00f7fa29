import type { CheckedAgent } from './contract-check.js';

/** A page's answer as a list's test reads it: its body and the Link header that names the next page. */
type PageResponse = { body: { next: string | null } & Record<string, unknown>; headers: Record<string, string> };

/**
 * Walks a cursor-paged list from `path` (ADR 27), following each Link header, and returns every
 * page's items (by `itemsOf`, `items` by default). Checks the contract of each page on the way:
 * `next` in the body is the cursor in the Link header, and the last page has neither.
 */
export async function walkPages<T>(
  agent: CheckedAgent,
  path: string,
  itemsOf: (body: PageResponse['body']) => T[] = (body) => body.items as T[],
): Promise<T[][]> {
  const pages: T[][] = [];
  for (let url: string | null = path; url !== null;) {
    const page = (await agent.get(url).expect(200)) as unknown as PageResponse;
    pages.push(itemsOf(page.body));
    const link = page.headers.link;
    if (page.body.next === null) {
      expect(link).toBeUndefined();
      url = null;
    } else {
      const [, next] = /^<([^>]+)>; rel="next"$/.exec(link ?? '') ?? [];
      expect(new URL(next!, 'http://service').searchParams.get('cursor')).toBe(page.body.next);
      url = next!;
    }
    if (pages.length > 100) throw new Error(`${path}: more than 100 pages, the cursor does not advance`);
  }
  return pages;
}
