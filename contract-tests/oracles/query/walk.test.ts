import { describe, expect, it } from 'vitest';
import { cannedExchange } from '../../support/canned-exchange.ts';
import { droppedOptions, type Fetch, type PageTarget, type RawQuery, splitQuery, walk } from './walk.ts';

const URL_BASE = 'http://127.0.0.1:4010/api/JobsView';

/** A fetch that answers the given bodies in turn, recording the options of each request. */
function scripted(bodies: unknown[]): { fetch: Fetch; asked: PageTarget[] } {
  const asked: PageTarget[] = [];
  let i = 0;
  const fetch: Fetch = async (target) => {
    asked.push(target);
    const body = bodies[i++] as Record<string, unknown>;
    const exchange = cannedExchange('JobsView_List', 200, body);
    exchange.request.url = 'url' in target ? target.url : `${URL_BASE}?x`;
    return { exchange, body };
  };
  return { fetch, asked };
}

describe('splitQuery', () => {
  it('reads a link as form encoding: %XX and + decoded, order and repeats kept', () => {
    expect(splitQuery(`${URL_BASE}?$filter=name+eq+%27a%2Bb%27&$top=1&id=1&id=2`)).toEqual([
      ['$filter', "name eq 'a+b'"],
      ['$top', '1'],
      ['id', '1'],
      ['id', '2'],
    ]);
    expect(splitQuery(URL_BASE)).toEqual([]);
  });
});

describe('droppedOptions', () => {
  it('lets $skip, $top and $skiptoken change and names any other option lost or changed', () => {
    const asked: RawQuery = [
      ['$filter', 'a eq 1'],
      ['$top', '30'],
      ['$count', 'true'],
    ];
    expect(
      droppedOptions(asked, [
        ['$filter', 'a eq 1'],
        ['$count', 'true'],
        ['$skiptoken', 'x'],
      ]),
    ).toEqual([]);
    expect(droppedOptions(asked, [['$count', 'true']])).toEqual(['$filter=a eq 1']);
    expect(
      droppedOptions(asked, [
        ['$filter', 'a eq 2'],
        ['$count', 'true'],
      ]),
    ).toEqual(['$filter=a eq 1']);
  });
});

describe('walk', () => {
  const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: from + i }));

  it('follows each link exactly until there is none', async () => {
    const { fetch, asked } = scripted([
      { value: rows(0, 2), '@odata.count': 3, '@odata.nextLink': `${URL_BASE}?$count=true&$skip=2` },
      { value: rows(2, 1), '@odata.count': 3 },
    ]);
    const w = await walk(fetch, [['$count', 'true']], { pageSize: 2, maxPages: 5 });
    expect(w.rows.map((r) => r.id)).toEqual([0, 1, 2]);
    expect(asked[0]).toEqual({ query: [['$count', 'true']] });
    expect(asked[1]).toEqual({ url: `${URL_BASE}?$count=true&$skip=2` });
    expect(w).toMatchObject({ count: 3, complete: true, problems: [], pageStarts: [0, 2] });
  });

  it('reports an oversized page, a changing count, a link to an empty page, and stops at the bound', async () => {
    const { fetch } = scripted([
      { value: rows(0, 3), '@odata.count': 4, '@odata.nextLink': `${URL_BASE}?$count=true&$skip=3` },
      { value: [], '@odata.count': 5 },
    ]);
    const w = await walk(fetch, [['$count', 'true']], { pageSize: 2, maxPages: 5 });
    expect(w.problems.map((p) => p.what)).toEqual([
      'a page holds too many rows',
      '@odata.nextLink led to an empty page',
      '@odata.count changed from page to page',
    ]);
    const bounded = scripted([{ value: rows(0, 1), '@odata.nextLink': `${URL_BASE}?$skip=1` }]);
    expect(await walk(bounded.fetch, [], { pageSize: 2, maxPages: 1 })).toMatchObject({
      complete: false,
      broken: false,
    });
    const refused = scripted([{ Message: 'An error has occurred.' }]);
    expect(await walk(refused.fetch, [], { pageSize: 2, maxPages: 3 })).toMatchObject({
      complete: false,
      broken: true,
    });
  });

  it('sends a link with unusual but valid encoding byte for byte, relative ones resolved against the page', async () => {
    const odd = "?%24count=true&$filter=name%20eq%20'a+b'&$skip=2&x=%7e%2F";
    const { fetch, asked } = scripted([
      { value: rows(0, 2), '@odata.count': 5, '@odata.nextLink': `${URL_BASE}${odd}` },
      {
        value: rows(2, 2),
        '@odata.count': 5,
        '@odata.nextLink': `JobsView${odd.replace('$skip=2', '$skip=4')}`,
      },
      { value: rows(4, 1), '@odata.count': 5 },
    ]);
    const w = await walk(
      fetch,
      [
        ['$count', 'true'],
        ['$filter', "name eq 'a b'"],
      ],
      { pageSize: 2, maxPages: 5 },
    );
    expect(asked.slice(1)).toEqual([
      { url: `${URL_BASE}${odd}` },
      { url: `${URL_BASE}${odd.replace('$skip=2', '$skip=4')}` },
    ]);
    expect(w.problems).toEqual([]);
    expect(w.rows).toHaveLength(5);
  });

  it('never follows a link to another endpoint', async () => {
    const { fetch, asked } = scripted([
      { value: rows(0, 1), '@odata.nextLink': 'http://evil.example/api/JobsView?$skip=1' },
    ]);
    const w = await walk(fetch, [], { pageSize: 2, maxPages: 5 });
    expect(asked).toHaveLength(1);
    expect(w.problems[0]?.what).toBe('@odata.nextLink leaves the endpoint');
  });
});
