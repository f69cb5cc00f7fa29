import { all } from './pages.js';

describe('reading every page of a list', () => {
  it('follows next until the last page', async () => {
    const pages: Record<string, { items: number[]; next: string | null }> = {
      first: { items: [1, 2], next: 'c2' },
      c2: { items: [3], next: 'c3' },
      c3: { items: [], next: null },
    };
    const asked: (string | undefined)[] = [];
    expect(
      await all(async (cursor) => {
        asked.push(cursor);
        return pages[cursor ?? 'first']!;
      }),
    ).toEqual([1, 2, 3]);
    expect(asked).toEqual([undefined, 'c2', 'c3']);
  });

  it('refuses a list that repeats its cursor', async () => {
    await expect(all(async () => ({ items: [1], next: 'same' }))).rejects.toThrow('the list repeats its cursor same');
  });
});
