import { describe, expect, it } from 'vitest';
import { emptyItemPosition, type ListItem, splitCommaList } from './comma-list.ts';

describe('splitCommaList', () => {
  const cases: [string, { given: string; want: ListItem[][] }][] = [
    ['returns one empty item for empty text', { given: '', want: [[]] }],
    ['splits on commas', { given: 'a,b', want: [[{ text: 'a', pos: 0 }], [{ text: 'b', pos: 2 }]] }],
    [
      'splits words inside an item',
      {
        given: 'a desc',
        want: [
          [
            { text: 'a', pos: 0 },
            { text: 'desc', pos: 2 },
          ],
        ],
      },
    ],
    [
      'keeps positions across spaces',
      {
        given: ' a , b  asc',
        want: [
          [{ text: 'a', pos: 1 }],
          [
            { text: 'b', pos: 5 },
            { text: 'asc', pos: 8 },
          ],
        ],
      },
    ],
    [
      'keeps empty items between commas',
      { given: 'a,,b', want: [[{ text: 'a', pos: 0 }], [], [{ text: 'b', pos: 3 }]] },
    ],
    ['keeps an empty item after a trailing comma', { given: 'a,', want: [[{ text: 'a', pos: 0 }], []] }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(splitCommaList(given)).toStrictEqual(want);
  });
});

describe('emptyItemPosition', () => {
  const cases: [string, { given: { text: string; index: number }; want: number }][] = [
    ['points at the comma after an empty first item', { given: { text: ',a', index: 0 }, want: 0 }],
    ['points at the comma that ends an empty middle item', { given: { text: 'a,,b', index: 1 }, want: 2 }],
    ['points at the end for an empty last item', { given: { text: 'a,', index: 1 }, want: 2 }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(emptyItemPosition(given.text, given.index)).toBe(want);
  });
});
