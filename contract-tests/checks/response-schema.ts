import { compileInline, type ErrorObject, type JsonSchema, type ValidateFunction } from '../../lib/spec.ts';
import { parseBody } from '../http/body.ts';
import { type Exchange, mediaType } from '../http/exchange.ts';
import { type Family, operation, responseTypes } from '../spec/api-catalog.ts';
import { type Failure, mismatch, show } from './failure.ts';

// By schema object: the catalog resolves each component once, so the error schema shared by every
// operation is compiled once (a schema object belongs to one family).
const validators = {
  full: new WeakMap<JsonSchema, ValidateFunction>(),
  partial: new WeakMap<JsonSchema, ValidateFunction>(),
};

/**
 * A resolved schema (the catalog's) with `required` dropped below the root: what a $select answer
 * must still satisfy (types, formats, lengths) when it carries only the selected fields. A `$ref`
 * the catalog kept (a self-reference) is left as it is: no response schema has one.
 */
function withoutNestedRequired(schema: unknown, depth = 0): unknown {
  if (Array.isArray(schema)) return schema.map((s) => withoutNestedRequired(s, depth + 1));
  if (schema === null || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'required' && depth > 0) continue;
    if (k === 'properties' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(
        Object.entries(v).map(([name, sub]) => [name, withoutNestedRequired(sub, depth + 1)]),
      );
    } else if (k === 'items' || k === 'allOf' || k === 'anyOf' || k === 'oneOf') {
      out[k] = withoutNestedRequired(v, depth + 1);
    } else out[k] = v;
  }
  return out;
}

function validatorFor(family: Family, schema: JsonSchema, partial: boolean): ValidateFunction {
  const cache = partial ? validators.partial : validators.full;
  let validate = cache.get(schema);
  if (!validate) {
    validate = compileInline(family, partial ? (withoutNestedRequired(schema) as JsonSchema) : schema);
    cache.set(schema, validate);
  }
  return validate;
}

/** The value an ajv error points at (lib/spec.ts compiles without `verbose`, so errors carry no data). */
function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const part of pointer.split('/').slice(1)) {
    node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function describe(errors: ErrorObject[], value: unknown): { received: string; documented: string } {
  const shown = errors.slice(0, 3);
  const more = errors.length > shown.length ? ` (+${errors.length - shown.length} more)` : '';
  return {
    received:
      shown
        .map((e) =>
          e.keyword === 'required'
            ? `${e.instancePath || '/'} without ${String(e.params.missingProperty)}`
            : `${e.instancePath || '/'} = ${show(valueAt(value, e.instancePath))}`,
        )
        .join('; ') + more,
    documented: shown.map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`).join('; '),
  };
}

/** OAS-SCHEMA: the body must validate against the schema documented for its status and media type. */
export function checkResponseSchema(exchange: Exchange): Failure | undefined {
  const response = exchange.response;
  if (!response) return undefined;
  const op = operation(exchange.operationId);
  const status = String(response.status);
  const documented = responseTypes(op, status);
  const type = mediaType(response);
  const schema = op.responses[status]?.content[type];
  if (documented.length === 0 || (!schema && response.body !== '')) return undefined;
  if (!schema || response.body === '') {
    return mismatch(
      'response-schema',
      'OAS-SCHEMA',
      `${op.id} ${status} has no body`,
      'an empty body',
      `a body in ${documented.join(', ')}`,
      exchange,
    );
  }
  const parsed = parseBody(exchange, op.family, schema);
  if (!parsed.ok) {
    return mismatch(
      'response-schema',
      'OAS-SCHEMA',
      `${op.id} ${status} body does not parse`,
      parsed.error,
      type,
      exchange,
    );
  }
  const validate = validatorFor(op.family, schema, exchange.partialItems === true);
  if (validate(parsed.value)) return undefined;
  const { received, documented: expected } = describe(validate.errors ?? [], parsed.value);
  return mismatch(
    'response-schema',
    'OAS-SCHEMA',
    `${op.id} ${status} body does not match its schema`,
    received,
    expected,
    exchange,
  );
}
