import { describe, expect, it } from 'vitest';
import { validJobsViewRow } from '../../support/canned-exchange.ts';
import { jobsViewTypes } from '../jobs-view.ts';
import { evaluateQuery } from './evaluate.ts';
import { parseInstant } from './filter-parse.ts';
import {
  dateTimeLiteral,
  FEATURE_WEIGHTS,
  FEATURES,
  literalOf,
  queryGenerator,
  stringLiteral,
} from './generate.ts';

const types = jobsViewTypes();
const rows = Array.from({ length: 30 }, (_, i) =>
  validJobsViewRow({
    id2: i + 1,
    name: i % 2 ? `Pump O'Neil ${i}` : `Valve ${i}`,
    job_status_name: ['Open', 'Closed'][i % 2],
    date_create: `2025-0${1 + (i % 9)}-1${i % 10}T10:00:00.000Z`,
    has_child: i % 3 === 0,
  }),
);

describe('literals', () => {
  it('double quotes in strings and write instants at an offset', () => {
    expect(stringLiteral("O'Neil")).toBe("'O''Neil'");
    expect(dateTimeLiteral(Date.UTC(2025, 0, 1, 23, 30), 120)).toBe('2025-01-02T01:30:00.000+02:00');
    expect(parseInstant(dateTimeLiteral(Date.UTC(2025, 0, 1, 23, 30), 120))).toBe(
      Date.UTC(2025, 0, 1, 23, 30),
    );
    expect(literalOf('datetime', '2026-06-24T04:00:31.1277186+00:00', () => 0)).toBe(
      '2026-06-24T04:00:31.1277186+00:00',
    );
  });
});

describe('queryGenerator', () => {
  it('gives the same queries for the same seed, and queries the evaluator reads, for every feature', () => {
    const a = queryGenerator(rows, types, 7, 20);
    const b = queryGenerator(rows, types, 7, 20);
    for (const f of FEATURES) {
      for (let i = 0; i < 5; i++) {
        const q = a.query(f, i);
        expect(b.query(f, i)).toEqual(q);
        expect(() => evaluateQuery(rows, q, types), `${f} ${JSON.stringify(q)}`).not.toThrow();
      }
    }
  });

  it('selects real rows: eq on a value of the data finds it', () => {
    const g = queryGenerator(rows, types, 3, 20);
    for (let i = 0; i < 5; i++) {
      const q = g.query('eq', i);
      expect(evaluateQuery(rows, q, types).rows.length, JSON.stringify(q)).toBeGreaterThan(0);
    }
  });

  it('spends a budget of 60 queries by default', () => {
    expect(Object.values(FEATURE_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(60);
  });
});
