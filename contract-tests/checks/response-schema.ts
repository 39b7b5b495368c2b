import {
  compileInline,
  type ErrorObject,
  type JsonSchema,
  resolveRef,
  type ValidateFunction,
} from '../../lib/spec.ts';
import { parseBody } from '../http/body.ts';
import { type Exchange, mediaType } from '../http/exchange.ts';
import { type Family, operation } from '../spec/api-catalog.ts';
import { type Failure, mismatch, show } from './failure.ts';

const validators = new Map<string, ValidateFunction>();

/**
 * The schema with its refs inlined and `required` dropped below the root: what a $select answer
 * must still satisfy (types, formats, lengths) when it carries only the selected fields.
 */
export function withoutNestedRequired(family: Family, schema: unknown, depth = 0): unknown {
  if (Array.isArray(schema)) return schema.map((s) => withoutNestedRequired(family, s, depth + 1));
  if (schema === null || typeof schema !== 'object') return schema;
  const node = schema as JsonSchema;
  if (typeof node.$ref === 'string')
    return withoutNestedRequired(family, resolveRef(family, node.$ref), depth);
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'required' && depth > 0) continue;
    if (k === 'properties' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(
        Object.entries(v).map(([name, sub]) => [name, withoutNestedRequired(family, sub, depth + 1)]),
      );
    } else if (k === 'items' || k === 'allOf' || k === 'anyOf' || k === 'oneOf') {
      out[k] = withoutNestedRequired(family, v, depth + 1);
    } else out[k] = v;
  }
  return out;
}

function validatorFor(exchange: Exchange, family: Family, status: string, type: string, schema: JsonSchema) {
  const key = `${exchange.operationId} ${status} ${type} ${exchange.partialItems ? 'partial' : 'full'}`;
  let validate = validators.get(key);
  if (!validate) {
    const effective = exchange.partialItems ? (withoutNestedRequired(family, schema) as JsonSchema) : schema;
    validate = compileInline(family, effective);
    validators.set(key, validate);
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
  const documented = op.responses.get(status);
  const type = mediaType(response);
  const schema = documented?.content.get(type);
  if (!documented || documented.content.size === 0 || (!schema && response.body !== '')) return undefined;
  if (!schema || response.body === '') {
    return mismatch(
      'response-schema',
      'OAS-SCHEMA',
      `${op.operationId} ${status} has no body`,
      'an empty body',
      `a body in ${[...documented.content.keys()].join(', ')}`,
      exchange,
    );
  }
  const parsed = parseBody(exchange, op.family, schema);
  if (!parsed.ok) {
    return mismatch(
      'response-schema',
      'OAS-SCHEMA',
      `${op.operationId} ${status} body does not parse`,
      parsed.error,
      type,
      exchange,
    );
  }
  const validate = validatorFor(exchange, op.family, status, type, schema);
  if (validate(parsed.value)) return undefined;
  const { received, documented: expected } = describe(validate.errors ?? [], parsed.value);
  return mismatch(
    'response-schema',
    'OAS-SCHEMA',
    `${op.operationId} ${status} body does not match its schema`,
    received,
    expected,
    exchange,
  );
}
