// JobsView queries against the suite's own evaluation (issue 10): each contact's set is read once
// through the server's @odata.nextLink, then generated queries (one case per operator, function or
// query option) must answer the pages the reference evaluator computes over that set.
import { mismatch } from '../checks/failure.ts';
import {
  checkQuery,
  checkXmlPage,
  jobsViewPageSize,
  jobsViewTypes,
  type OracleOptions,
  oracleOptions,
  type QueryOutcome,
  queryText,
  type ScopedSet,
  scopedSet,
} from '../oracles/jobs-view.ts';
import type { ODataQuery } from '../oracles/query/evaluate.ts';
import { FEATURE_WEIGHTS, FEATURES, type Feature, queryGenerator } from '../oracles/query/generate.ts';
import { mapBounded, READ_CONCURRENCY } from '../runner/bounded.ts';
import type { Case, CaseContext } from './case.ts';

const RULES = ['JOBSVIEW-ODATA-QUERY', 'JOBSVIEW-PAGING'];

function oracleCase(
  id: string,
  title: string,
  rules: string[],
  run: (t: CaseContext) => Promise<void>,
): Case {
  return {
    id: `JobsView_List.oracle.${id}`,
    title,
    family: 'jobs',
    operationId: 'JobsView_List',
    rules,
    writes: false,
    run,
  };
}

/** The contacts to read as: both demo contacts (or those of the config), at least one. */
function contacts(t: CaseContext): number[] {
  const n = t.fixtures.contacts.length;
  if (n === 0) t.skip('needs a ServiceDesk contact in credentials.servicedesk.contacts');
  return Array.from({ length: Math.min(n, 2) }, (_, i) => i);
}

/** How many queries a feature gets: its share of the --queries budget (60 by default: the weights add up to it). */
export function queriesFor(feature: Feature, budget: number): number {
  const sum = FEATURES.reduce((n, f) => n + FEATURE_WEIGHTS[f], 0);
  return Math.max(budget > 0 ? 1 : 0, Math.round((FEATURE_WEIGHTS[feature] * budget) / sum));
}

export function featureSeed(options: OracleOptions, feature: Feature, contact: number): number {
  let h = options.seed * 31 + contact;
  for (const c of feature) h = (h * 33 + c.charCodeAt(0)) >>> 0;
  return h;
}

const TITLES: Record<Feature, string> = {
  eq: 'eq over text, integers, booleans, GUIDs and date-times selects the rows the reference evaluation selects',
  ne: 'ne over every type selects the rows the reference evaluation selects',
  gt: 'gt over text, integers and date-times selects the rows the reference evaluation selects',
  ge: 'ge over text, integers and date-times selects the rows the reference evaluation selects',
  lt: 'lt over text, integers and date-times selects the rows the reference evaluation selects',
  le: 'le over text, integers and date-times selects the rows the reference evaluation selects',
  and: 'and combines two conditions as the reference evaluation does',
  or: 'or combines two conditions as the reference evaluation does',
  not: 'not negates a condition as the reference evaluation does',
  grouping: 'parentheses and precedence (and before or) group as OData v4 says',
  contains: 'contains selects the rows the reference evaluation selects (case-insensitive, A13)',
  startswith: 'startswith selects the rows the reference evaluation selects (case-insensitive, A13)',
  endswith: 'endswith selects the rows the reference evaluation selects (case-insensitive, A13)',
  tolower: 'tolower compares as the reference evaluation does (or is refused as unsupported, S13)',
  toupper: 'toupper compares as the reference evaluation does (or is refused as unsupported, S13)',
  length: 'length counts characters as the reference evaluation does (S11, or is refused, S13)',
  'date-parts':
    'year, month and day of a date-time compare as the reference evaluation does (or are refused, S13)',
  case: 'a literal in another case selects the same rows (A13)',
  quote: "a quote doubled in a string literal ('') is one quote",
  'orderby-single': '$orderby on one key of every type, both directions, sorts as the reference evaluation',
  'orderby-multi':
    '$orderby on several keys with mixed directions sorts as the reference evaluation; ties compare as a set',
  select: '$select answers exactly the selected fields of the expected rows',
  'top-skip':
    '$top and $skip at their edges (0, the page size, above it, beyond the end) cut the expected rows',
  count: '@odata.count counts every matching row, whatever $top and $skip',
  nextlink: '@odata.nextLink keeps every other query option and the pages add up to the answer',
};

async function runFeature(t: CaseContext, feature: Feature): Promise<void> {
  const options = oracleOptions(t.config);
  const types = jobsViewTypes();
  const total = queriesFor(feature, options.queries);
  if (total === 0) t.notApplicable('the query budget (--queries) leaves this feature no query');
  const who = contacts(t);
  const sets = await mapBounded(who, READ_CONCURRENCY, (c) => scopedSet(t, c, options));
  const planned: { slot: number; q: ODataQuery }[] = [];
  for (let i = 0; i < total; i++) {
    const slot = i % sets.length;
    const set = sets[slot] as ScopedSet;
    if (set.rows.length === 0) continue;
    const q = queryGenerator(set.rows, types, featureSeed(options, feature, i), jobsViewPageSize()).query(
      feature,
      i,
    );
    planned.push({ slot, q });
  }
  // The queries are independent reads: a few at a time (S31).
  const outcomes = await mapBounded(planned, READ_CONCURRENCY, ({ slot, q }) =>
    checkQuery(t, sets[slot] as ScopedSet, q),
  );
  const refreshed = new Set<number>();
  const refused = new Set<string>();
  for (const [k, { slot, q }] of planned.entries()) {
    let outcome = outcomes[k] as QueryOutcome;
    if (outcome.failures.length) {
      // The set may have changed since it was read (another client writes): read it again (once per
      // contact and case), ask again.
      if (!refreshed.has(slot)) {
        sets[slot] = await scopedSet(t, (sets[slot] as ScopedSet).contact, options, true);
        refreshed.add(slot);
      }
      outcome = await checkQuery(t, sets[slot] as ScopedSet, q);
    }
    if (outcome.refusedAsUnsupported) refused.add(outcome.refusedAsUnsupported);
    t.check(...outcome.failures);
  }
  const ran = planned.length;
  if (ran === 0) t.notApplicable('no contact sees a work order to query');
  if (refused.size)
    t.notApplicable(
      `the server refuses ${[...refused].join(', ')} (OData v4 functions the spec does not list; S13)`,
    );
}

export function queryOracleCases(): Case[] {
  return [
    oracleCase(
      'walk',
      "each contact's whole set reads through @odata.nextLink as given: full pages, each row once, as many as @odata.count",
      ['JOBSVIEW-PAGING'],
      async (t) => {
        const options = oracleOptions(t.config);
        const sampled: string[] = [];
        const sets = await mapBounded(contacts(t), READ_CONCURRENCY, (c) => scopedSet(t, c, options, true));
        for (const [c, set] of sets.entries()) {
          if (set.scope)
            sampled.push(
              `contact #${c + 1} sees ${set.total} rows, more than --max-rows ${options.maxRows}: queries are evaluated on the ${set.rows.length} rows with $filter=${set.scope} (S16)`,
            );
        }
        if (sampled.length) t.notApplicable(`evaluated on a sample: ${sampled.join('; ')}`);
      },
    ),
    oracleCase(
      'contact-scope',
      'two contacts of different companies see disjoint sets, and no filter reaches the rows of the other',
      ['JOBSVIEW-CONTACT-SCOPE'],
      async (t) => {
        const options = oracleOptions(t.config);
        if (t.fixtures.contacts.length < 2) t.skip('needs two ServiceDesk contacts of different companies');
        const [a, b] = [await scopedSet(t, 0, options), await scopedSet(t, 1, options)];
        const ids = new Set(a.rows.map((r) => String(r.id)));
        const shared = b.rows.filter((r) => ids.has(String(r.id)));
        t.check(
          shared.length === 0
            ? undefined
            : mismatch(
                'query-oracle',
                'JOBSVIEW-CONTACT-SCOPE',
                'both contacts see the same work orders (contacts of different companies, A10)',
                shared
                  .map((r) => String(r.id))
                  .slice(0, 5)
                  .join(', '),
                'no work order in both sets',
              ),
        );
        // Queries naming the other contact's rows find nothing (the evaluation over this set is empty).
        for (const [mine, other] of [
          [a, b],
          [b, a],
        ] as const) {
          const row = other.rows[0];
          if (!row) continue;
          for (const q of [
            { $filter: `id eq ${String(row.id)}`, $count: true },
            { $filter: `id2 eq ${String(row.id2)} or id2 ne ${String(row.id2)}`, $count: true },
          ]) {
            const outcome = await checkQuery(t, mine, q);
            t.check(
              ...outcome.failures.map((f) => ({
                ...f,
                rule: 'JOBSVIEW-CONTACT-SCOPE',
                message: `as contact #${mine.contact + 1}, ${queryText(q)}: ${f.message}`,
              })),
            );
          }
        }
      },
    ),
    oracleCase(
      'xml-pages',
      'in XML the view answers the same rows of the same page as the evaluation ($skip/$top page XML too, A6)',
      RULES,
      async (t) => {
        const options = oracleOptions(t.config);
        const who = contacts(t);
        for (const [i, feature] of (['top-skip', 'orderby-multi', 'and'] as const).entries()) {
          const set = await scopedSet(t, who[i % who.length] as number, options);
          if (set.rows.length === 0) continue;
          const q = queryGenerator(
            set.rows,
            jobsViewTypes(),
            featureSeed(options, feature, 100 + i),
            jobsViewPageSize(),
          ).query(feature, i);
          const { $count: _, ...withoutCount } = q;
          t.check(...(await checkXmlPage(t, set, withoutCount)));
        }
      },
    ),
    ...FEATURES.map((feature) => oracleCase(feature, TITLES[feature], RULES, (t) => runFeature(t, feature))),
  ];
}
