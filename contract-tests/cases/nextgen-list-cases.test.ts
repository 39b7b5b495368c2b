// The NextGen list oracle against a fake list that answers from canned pages: faithful, it passes;
// off in one small way, the oracle names the query, the page and what differed.
import { describe, expect, it } from 'vitest';
import type { Failure } from '../checks/failure.ts';
import type { Row } from '../oracles/query/filter-eval.ts';
import { cannedExchange } from '../support/canned-exchange.ts';
import type { CaseContext } from './case.ts';
import { checkList, reference } from './nextgen-list-cases.ts';

type Deviation = { hasMoreAlwaysFalse?: boolean; codeIgnoresCase?: boolean; minusIgnored?: boolean };

const TYPES: Row[] = Array.from({ length: 25 }, (_, i) => ({
  id: i + 1,
  code: `T-${String(25 - i).padStart(2, '0')}`,
  description: `Type ${i + 1}`,
  order: (i + 1) * 10,
  active: i % 4 !== 0,
}));

/** Hand-written answers (not the evaluator under test) for the options these tests send. */
function answer(query: Record<string, string | string[]>, dev: Deviation): unknown {
  const one = (k: string) => (Array.isArray(query[k]) ? query[k][0] : query[k]) as string | undefined;
  const codes = query.code === undefined ? undefined : ([] as string[]).concat(query.code);
  let rows = TYPES.filter(
    (r) =>
      !codes ||
      codes.some((c) =>
        dev.codeIgnoresCase ? c.toLowerCase() === String(r.code).toLowerCase() : c === r.code,
      ),
  );
  const order = one('_order') ?? '+order';
  if (order === '-code') {
    rows = [...rows].sort(
      (a, b) => String(a.code).localeCompare(String(b.code)) * (dev.minusIgnored ? 1 : -1),
    );
  } else if (order !== '+order') throw new Error(`the fake does not know _order=${order}`);
  if (one('_language') === 'ALL')
    rows = rows.map((r) => ({ ...r, description: [{ lang: 'EN', value: r.description }] }));
  const size = Number(one('_page[size]') ?? 20);
  const num = Number(one('_page[num]') ?? 0);
  const content = size === 0 ? rows : rows.slice(num * size, (num + 1) * size);
  const hasMore = !dev.hasMoreAlwaysFalse && size > 0 && rows.length > (num + 1) * size;
  return {
    content,
    _page: { num, size, hasMore },
    _order: [order.startsWith('-') ? order : `+${order.replace(/^\+/, '')}`],
  };
}

function fakeContext(dev: Deviation): { t: CaseContext; failures: Failure[] } {
  const failures: Failure[] = [];
  const t = {
    config: {},
    fixtures: { contacts: [], jobs: [], types: [], notes: [] },
    async send(request: { query?: Record<string, string | string[]> }) {
      return cannedExchange('WorkOrderTypes_List', 200, answer(request.query ?? {}, dev));
    },
    check(...results: (Failure | undefined)[]) {
      const found = results.filter((r): r is Failure => r !== undefined);
      failures.push(...found);
      return found.length === 0;
    },
    must(result: Failure | undefined) {
      if (result) throw new Error(result.message);
    },
    skip(reason: string): never {
      throw new Error(reason);
    },
    notApplicable(reason: string): never {
      throw new Error(reason);
    },
    restore() {},
    unrestorable() {},
  } as unknown as CaseContext;
  return { t, failures };
}

async function failuresOf(dev: Deviation, q: Parameters<typeof checkList>[2]): Promise<string[]> {
  const { t } = fakeContext(dev);
  const ref = await reference(t);
  return (await checkList(t, ref, q)).map((f) => `${f.rule} ${f.message}`);
}

describe('the NextGen list oracle', () => {
  it('reads the whole list page by page, with its translations', async () => {
    const { t } = fakeContext({});
    const ref = await reference(t);
    expect(ref.rows.map((r) => r.id)).toEqual(TYPES.map((r) => r.id));
    expect(ref.translations.get(1)).toEqual([{ lang: 'EN', value: 'Type 1' }]);
  });

  it('passes the faithful list', async () => {
    for (const q of [
      {},
      { pageSize: 0 },
      { pageSize: 7 },
      { pageSize: 7, pageNum: 3 },
      { code: ['T-01', 't-02'] },
      { order: '-code' },
    ]) {
      expect(await failuresOf({}, q), JSON.stringify(q)).toEqual([]);
    }
  });

  it('catches hasMore false while types remain', async () => {
    const { t } = fakeContext({ hasMoreAlwaysFalse: true });
    const ref = { rows: TYPES, translations: new Map() };
    const messages = (await checkList(t, ref, { pageSize: 7 })).map((f) => f.message).join('\n');
    expect(messages).toMatch(
      /_page\[size\]=7: page 0: _page.hasMore does not say whether rows remain. Received: false \/ Documented: true/,
    );
    expect(messages).toMatch(/item 8 of the answer.*row\(s\) missing/);
  });

  it('catches a code filter that ignores case (N16) and - ignored in _order', async () => {
    expect((await failuresOf({ codeIgnoresCase: true }, { code: ['T-01', 't-02'] })).join('\n')).toMatch(
      /NEXTGEN-LIST-QUERY code=T-01&code=t-02: item 1 of the answer \(page _page\[num\]=0\): another row at this position. Received: id=24, code="T-02"/,
    );
    expect((await failuresOf({ minusIgnored: true }, { order: '-code' })).join('\n')).toMatch(
      /_order=-code: item 1 .*Received: id=25, code="T-01".* \/ Documented: id=1, code="T-25"/,
    );
  });
});
