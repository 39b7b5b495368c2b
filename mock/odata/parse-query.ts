import { compileFilter } from './filter-compiler.ts';
import { parseFilterTree } from './parse-filter.ts';
import { parseOrderBy } from './parse-order-by.ts';
import { parseSelect } from './parse-select.ts';
import { fail, guard, ok } from './result.ts';
import type { FieldTypes, ParsedQuery, QueryLimits, QueryParameter, Result } from './types.ts';

const SUPPORTED: readonly QueryParameter[] = ['$filter', '$orderby', '$select', '$top', '$skip', '$count'];
const KNOWN_UNSUPPORTED: ReadonlySet<string> = new Set([
  '$expand',
  '$search',
  '$apply',
  '$compute',
  '$format',
  '$skiptoken',
  '$deltatoken',
  '$levels',
  '$index',
  '$schemaversion',
  '$id',
]);
// ASP.NET stores $top/$skip as Int32.
const MAX_INT32 = 2_147_483_647;

function isSupported(name: string): name is QueryParameter {
  return (SUPPORTED as readonly string[]).includes(name);
}

function unsupportedOption(name: string): Result<never> {
  const lower = name.toLowerCase();
  if (isSupported(lower)) {
    return fail(`The query option '${name}' is not supported; option names are lower case: '${lower}'`, name);
  }
  const reason = KNOWN_UNSUPPORTED.has(lower)
    ? 'is not supported by this endpoint'
    : 'is not a known OData query option';
  return fail(`The query option '${name}' ${reason}; supported options are ${SUPPORTED.join(', ')}`, name);
}

function singleValue(name: string, raw: unknown): Result<string | undefined> {
  if (raw === undefined) return ok(undefined);
  if (typeof raw === 'string') return ok(raw);
  if (Array.isArray(raw)) {
    if (raw.length === 0) return ok(undefined);
    if (raw.length > 1) {
      return fail(
        `The query option '${name}' was given ${raw.length} times; it may be given at most once`,
        name,
      );
    }
    if (typeof raw[0] === 'string') return ok(raw[0]);
  }
  return fail(`The query option '${name}' must be a plain text value`, name);
}

function parseNonNegativeInteger(text: string, name: string): Result<number> {
  let valid = text.length > 0 && text.length <= 10;
  for (const c of text) valid &&= c >= '0' && c <= '9';
  const value = valid ? Number(text) : Number.NaN;
  if (!valid || value > MAX_INT32) {
    return fail(
      `Invalid value '${text}' for ${name}: expected a non-negative integer up to ${MAX_INT32}`,
      name,
      0,
    );
  }
  return ok(value);
}

function parseCount(text: string): Result<boolean> {
  if (text === 'true' || text === 'false') return ok(text === 'true');
  const lower = text.toLowerCase();
  const hint = lower === 'true' || lower === 'false' ? `; OData keywords are lower case: '${lower}'` : '';
  return fail(`Invalid value '${text}' for $count: expected 'true' or 'false'${hint}`, '$count', 0);
}

/**
 * Validates and parses the OData system query options of a request. Parameters that do not start
 * with '$' are ignored; unknown '$' options are errors, as in ASP.NET OData. Never throws.
 */
export function parseQuery(
  params: Record<string, string | string[] | undefined>,
  fields: FieldTypes,
  limits?: QueryLimits,
): Result<ParsedQuery> {
  return guard('query', () => {
    const values = new Map<QueryParameter, string>();
    for (const name of Object.keys(params)) {
      if (!name.startsWith('$')) continue;
      if (!isSupported(name)) return unsupportedOption(name);
      const value = singleValue(name, params[name]);
      if (!value.ok) return value;
      if (value.value === undefined) continue;
      if (value.value.trim() === '') {
        return fail(`The query option '${name}' is empty; give it a value or leave it out`, name, 0);
      }
      values.set(name, value.value);
    }

    const query: ParsedQuery = { orderBy: [], skip: 0, count: false };
    const filter = values.get('$filter');
    if (filter !== undefined) {
      const tree = parseFilterTree(filter, fields, limits);
      if (!tree.ok) return tree;
      const compiled = compileFilter(tree.value, fields);
      if (!compiled.ok) return compiled;
      query.filter = compiled.value;
      const root = tree.value;
      query.filterOn = (source) => {
        // The tree type-checked above against the same fields; a source only changes the reads.
        const on = compileFilter(root, fields, source);
        if (!on.ok) throw new Error(on.error.message);
        return on.value;
      };
    }
    const orderBy = values.get('$orderby');
    if (orderBy !== undefined) {
      const parsed = parseOrderBy(orderBy, fields, limits);
      if (!parsed.ok) return parsed;
      query.orderBy = parsed.value;
    }
    const select = values.get('$select');
    if (select !== undefined) {
      const parsed = parseSelect(select, fields, limits);
      if (!parsed.ok) return parsed;
      if (parsed.value !== undefined) query.select = parsed.value;
    }
    const top = values.get('$top');
    if (top !== undefined) {
      const parsed = parseNonNegativeInteger(top, '$top');
      if (!parsed.ok) return parsed;
      query.top = parsed.value;
    }
    const skip = values.get('$skip');
    if (skip !== undefined) {
      const parsed = parseNonNegativeInteger(skip, '$skip');
      if (!parsed.ok) return parsed;
      query.skip = parsed.value;
    }
    const count = values.get('$count');
    if (count !== undefined) {
      const parsed = parseCount(count);
      if (!parsed.ok) return parsed;
      query.count = parsed.value;
    }
    return ok(query);
  });
}
