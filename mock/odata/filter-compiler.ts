import { type FieldValue, readerFor } from './field-values.ts';
import { resolveField } from './fields.ts';
import { FILTER_FUNCTIONS } from './filter-functions.ts';
import { isGuid, parseDateTimeLiteral, parseNumberLiteral } from './filter-literals.ts';
import type { CompareOp, FilterNode, LiteralNode } from './filter-parser.ts';
import {
  type Compiled,
  constant,
  type FieldSource,
  foldCase,
  type Getter,
  type ValueType,
} from './filter-values.ts';
import { fail, ok, syntaxError } from './result.ts';
import type { FieldType, FieldTypes, Result } from './types.ts';

const PARAMETER = '$filter';

const VALUE_TYPES: Record<FieldType, ValueType> = {
  string: 'string',
  uuid: 'guid',
  'date-time': 'date-time',
  integer: 'number',
  number: 'number',
  boolean: 'boolean',
};

const TYPE_NAMES: Record<ValueType, string> = {
  string: 'a string',
  guid: 'a GUID',
  'date-time': 'a date-time',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
};

// Values on both sides have the same static type here; the casts only let TypeScript order them.
// Any comparison involving null is false except eq/ne, matching C#/EF null semantics.
const COMPARATORS: Record<CompareOp, (a: FieldValue, b: FieldValue) => boolean> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  gt: (a, b) => a !== null && b !== null && (a as number) > (b as number),
  ge: (a, b) => a !== null && b !== null && (a as number) >= (b as number),
  lt: (a, b) => a !== null && b !== null && (a as number) < (b as number),
  le: (a, b) => a !== null && b !== null && (a as number) <= (b as number),
};

function typeError(position: number, detail: string): Result<never> {
  return fail(`Type mismatch at position ${position} in $filter: ${detail}`, PARAMETER, position);
}

function compileLiteral(node: LiteralNode): Result<Compiled> {
  switch (node.type) {
    case 'string':
      return ok(constant('string', node.value, `the string literal ${node.text}`));
    case 'guid':
      return ok(constant('guid', node.value, `the GUID ${node.text}`));
    case 'number':
      return ok(constant('number', node.value, `the number ${node.text}`));
    case 'date-time':
      return ok(constant('date-time', node.value, `the date-time ${node.text}`));
    case 'boolean':
      return ok(constant('boolean', node.value, `the boolean ${node.text}`));
    case 'null':
      return ok(constant('null', null, 'null'));
    case 'date':
      return typeError(
        node.pos,
        `the date-only literal ${node.text} cannot be compared with date-time properties; write a date-time such as ${node.text}T00:00:00Z`,
      );
  }
}

function wouldParseAs(type: ValueType, text: string): boolean {
  if (type === 'guid') return isGuid(text);
  if (type === 'number') return parseNumberLiteral(text) !== undefined;
  if (type === 'date-time') return parseDateTimeLiteral(text).kind === 'date-time';
  if (type === 'boolean') return text === 'true' || text === 'false';
  return false;
}

const EXAMPLES: Partial<Record<ValueType, string>> = {
  guid: '3f6c2a4e-0b1d-4c8e-9f00-123456789abc',
  'date-time': '2026-01-01T00:00:00Z',
  number: '42',
};

function mismatchHint(a: FilterNode, b: Compiled): string {
  if (a.kind === 'literal' && a.type === 'string' && b.type !== 'string') {
    if (wouldParseAs(b.type, a.value)) return `; write it without quotes: ${a.value}`;
    const example = EXAMPLES[b.type];
    return example === undefined
      ? ''
      : `; ${TYPE_NAMES[b.type]} literal is written without quotes, e.g. ${example}`;
  }
  if (a.kind === 'literal' && b.type === 'string' && a.type !== 'null') {
    return "; string literals are written in single quotes, e.g. 'text'";
  }
  return '';
}

function compileCompare(
  node: FilterNode & { kind: 'compare' },
  fields: FieldTypes,
  source: FieldSource,
): Result<Compiled> {
  const left = compileNode(node.left, fields, source);
  if (!left.ok) return left;
  const right = compileNode(node.right, fields, source);
  if (!right.ok) return right;
  const a = left.value;
  const b = right.value;
  if (a.type === 'null' || b.type === 'null') {
    if (node.op !== 'eq' && node.op !== 'ne') {
      return typeError(node.pos, `null can only be compared with 'eq' or 'ne', not with '${node.op}'`);
    }
  } else if (a.type !== b.type) {
    const hint = mismatchHint(node.right, a) || mismatchHint(node.left, b);
    return typeError(node.pos, `cannot compare ${a.describe} with ${b.describe}${hint}`);
  }
  const compare = COMPARATORS[node.op];
  const describe = `the comparison at position ${node.pos} (boolean)`;
  const l = foldCase(a);
  const r = foldCase(b);
  if (l.constant && r.constant)
    return ok(constant('boolean', compare(l.constant.value, r.constant.value), describe));
  let get: Getter;
  if (r.constant) {
    const fixed = r.constant.value;
    const read = l.get;
    get = (record) => compare(read(record), fixed);
  } else if (l.constant) {
    const fixed = l.constant.value;
    const read = r.get;
    get = (record) => compare(fixed, read(record));
  } else {
    const readLeft = l.get;
    const readRight = r.get;
    get = (record) => compare(readLeft(record), readRight(record));
  }
  return ok({ type: 'boolean', get, describe });
}

function compileCall(
  node: FilterNode & { kind: 'call' },
  fields: FieldTypes,
  source: FieldSource,
): Result<Compiled> {
  const spec = FILTER_FUNCTIONS.get(node.name);
  if (spec === undefined) return syntaxError(PARAMETER, node.pos, `unknown function '${node.name}'`);
  if (node.args.length !== spec.params.length) {
    const plural = spec.params.length === 1 ? '' : 's';
    return syntaxError(
      PARAMETER,
      node.pos,
      `the function '${node.name}' takes ${spec.params.length} argument${plural}, but ${node.args.length} ${node.args.length === 1 ? 'was' : 'were'} given`,
    );
  }
  const args: Compiled[] = [];
  for (const [i, argNode] of node.args.entries()) {
    const arg = compileNode(argNode, fields, source);
    if (!arg.ok) return arg;
    const expected = spec.params[i] ?? 'null';
    if (arg.value.type !== expected && arg.value.type !== 'null') {
      return typeError(
        argNode.pos,
        `the function '${node.name}' expects ${TYPE_NAMES[expected]} as argument ${i + 1}, but got ${arg.value.describe}`,
      );
    }
    args.push(arg.value);
  }
  return ok({
    type: spec.result,
    get: spec.build(args),
    describe: `the result of ${node.name}() (${spec.resultLabel ?? spec.result})`,
  });
}

function compileLogical(
  node: FilterNode & { kind: 'and' | 'or' },
  fields: FieldTypes,
  source: FieldSource,
): Result<Compiled> {
  const getters: Getter[] = [];
  for (const operandNode of node.operands) {
    const operand = compileNode(operandNode, fields, source);
    if (!operand.ok) return operand;
    if (operand.value.type !== 'boolean') {
      return typeError(
        operandNode.pos,
        `'${node.kind}' needs boolean operands, but got ${operand.value.describe}`,
      );
    }
    getters.push(operand.value.get);
  }
  const describe = `the '${node.kind}' condition at position ${node.pos} (boolean)`;
  // Three-valued logic: a null boolean property is unknown, and unknown never satisfies the filter.
  const get: Getter =
    node.kind === 'and'
      ? (record) => {
          let unknown = false;
          for (const read of getters) {
            const v = read(record);
            if (v === false) return false;
            if (v !== true) unknown = true;
          }
          return unknown ? null : true;
        }
      : (record) => {
          let unknown = false;
          for (const read of getters) {
            const v = read(record);
            if (v === true) return true;
            if (v !== false) unknown = true;
          }
          return unknown ? null : false;
        };
  return ok({ type: 'boolean', get, describe });
}

function compileNot(
  node: FilterNode & { kind: 'not' },
  fields: FieldTypes,
  source: FieldSource,
): Result<Compiled> {
  const operand = compileNode(node.operand, fields, source);
  if (!operand.ok) return operand;
  if (operand.value.type !== 'boolean') {
    return typeError(
      node.pos,
      `'not' needs a boolean operand, but got ${operand.value.describe}; 'not' binds tighter than comparisons, so write not (name eq 'x')`,
    );
  }
  const read = operand.value.get;
  return ok({
    type: 'boolean',
    get: (record) => {
      const v = read(record);
      return typeof v === 'boolean' ? !v : null;
    },
    describe: `the 'not' condition at position ${node.pos} (boolean)`,
  });
}

function compileNode(node: FilterNode, fields: FieldTypes, source: FieldSource): Result<Compiled> {
  switch (node.kind) {
    case 'literal':
      return compileLiteral(node);
    case 'field': {
      const type = resolveField(node.name, fields, PARAMETER, node.pos);
      if (!type.ok) return type;
      const compiled: Compiled = {
        type: VALUE_TYPES[type.value],
        get: source.read(node.name, type.value),
        describe: `'${node.name}' (${type.value})`,
      };
      if (type.value === 'string' && source.readFolded) compiled.folded = source.readFolded(node.name);
      return ok(compiled);
    }
    case 'call':
      return compileCall(node, fields, source);
    case 'compare':
      return compileCompare(node, fields, source);
    case 'and':
    case 'or':
      return compileLogical(node, fields, source);
    case 'not':
      return compileNot(node, fields, source);
  }
}

/** Reads fields from the record the filter is given. */
const RECORDS: FieldSource = { read: (field, type) => readerFor(field, type) as Getter };

/**
 * Type-checks the tree and turns it into nested closures, so evaluation never re-walks the tree.
 * The filter reads fields through `source`: by default from the record it is given.
 */
export function compileFilter(
  root: FilterNode,
  fields: FieldTypes,
  source: FieldSource = RECORDS,
): Result<(r: unknown) => boolean> {
  const compiled = compileNode(root, fields, source);
  if (!compiled.ok) return compiled;
  if (compiled.value.type !== 'boolean') {
    return fail(
      `The $filter expression must be a condition, but ${compiled.value.describe} is ${TYPE_NAMES[compiled.value.type]}; compare it with a value, e.g. eq`,
      PARAMETER,
      0,
    );
  }
  const read = compiled.value.get;
  return ok((record) => read(record) === true);
}
