import type { FieldValue } from './field-values.ts';
import { type Compiled, foldCase, type Getter, type ValueType } from './filter-values.ts';

type FunctionSpec = {
  params: readonly ValueType[];
  result: ValueType;
  /** Shown in messages when it is more precise than `result`, e.g. integer. */
  resultLabel?: string;
  build: (args: readonly Compiled[]) => Getter;
};

function stringTest(test: (value: string, part: string) => boolean): FunctionSpec {
  return {
    params: ['string', 'string'],
    result: 'boolean',
    build: ([value, part]) => {
      const getValue = value ? foldCase(value).get : () => null;
      const getPart = part ? foldCase(part).get : () => null;
      const fixed = part?.constant ? foldCase(part).constant?.value : undefined;
      if (typeof fixed === 'string') {
        return (r) => {
          const v = getValue(r);
          return typeof v === 'string' && test(v, fixed);
        };
      }
      return (r) => {
        const v = getValue(r);
        const p = getPart(r);
        return typeof v === 'string' && typeof p === 'string' && test(v, p);
      };
    },
  };
}

function unary<T extends FieldValue>(
  param: ValueType,
  result: ValueType,
  map: (value: T) => FieldValue,
  resultLabel?: string,
): FunctionSpec {
  const build = ([arg]: readonly Compiled[]): Getter => {
    const get = arg ? arg.get : () => null;
    // The static type check guarantees the runtime type, so the cast only restates it.
    return (r) => {
      const v = get(r);
      return v === null ? null : map(v as T);
    };
  };
  return resultLabel === undefined
    ? { params: [param], result, build }
    : { params: [param], result, resultLabel, build };
}

// Date parts are taken in UTC because the records carry UTC ('Z') timestamps.
export const FILTER_FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map([
  ['contains', stringTest((v, p) => v.includes(p))],
  ['startswith', stringTest((v, p) => v.startsWith(p))],
  ['endswith', stringTest((v, p) => v.endsWith(p))],
  ['tolower', unary<string>('string', 'string', (v) => v.toLowerCase())],
  ['toupper', unary<string>('string', 'string', (v) => v.toUpperCase())],
  ['length', unary<string>('string', 'number', (v) => v.length, 'integer')],
  ['year', unary<number>('date-time', 'number', (v) => new Date(v).getUTCFullYear(), 'integer')],
  ['month', unary<number>('date-time', 'number', (v) => new Date(v).getUTCMonth() + 1, 'integer')],
  ['day', unary<number>('date-time', 'number', (v) => new Date(v).getUTCDate(), 'integer')],
]);

/** OData functions that exist in the standard but that this mock does not implement. */
export const UNSUPPORTED_FUNCTIONS: ReadonlySet<string> = new Set([
  'concat',
  'indexof',
  'substring',
  'matchespattern',
  'trim',
  'hour',
  'minute',
  'second',
  'fractionalseconds',
  'totalseconds',
  'date',
  'time',
  'totaloffsetminutes',
  'now',
  'maxdatetime',
  'mindatetime',
  'round',
  'floor',
  'ceiling',
  'cast',
  'isof',
  'any',
  'all',
  'case',
  'hassubset',
  'hassubsequence',
]);
