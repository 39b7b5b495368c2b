import { describe, expect, it } from 'vitest';
import { compileInline, requestBodyValidator, ruleOfError, validatorFor } from './spec.ts';

describe('int64 fields (ASSUMPTIONS.md N23)', () => {
  const patch = '#/components/schemas/WorkOrderTypePatch';
  const validate = validatorFor('nextgen', patch);
  const errorsOf = (body: unknown) => (validate(body) ? [] : (validate.errors ?? []));

  it.each([
    ['a number', 5],
    ['a bigint above 2^53', 9223372036854775806n],
    ['the int64 maximum', 2n ** 63n - 1n],
  ])('accepts %s as an id', (_name, id) => {
    expect(errorsOf({ requestTypeId: id })).toEqual([]);
  });

  it.each([
    ['a bigint past int64', 2n ** 63n, 'format'],
    ['a bigint below the minimum', 0n, 'minimum'],
    ['a number below the minimum', 0, 'minimum'],
    ['a fraction', 1.5, 'type'],
    ['numeric text in a body', '5', 'type'],
  ])('refuses %s', (_name, id, keyword) => {
    const [error] = errorsOf({ requestTypeId: id });
    expect(error).toMatchObject({ keyword, instancePath: '/requestTypeId' });
    // The rule is still found by keyword, as for any other field error.
    expect(ruleOfError('nextgen', patch, error as never)).toBe('WOT-FIELD-TYPES');
  });

  it('keeps maximum on a bigint and null where the type allows it', () => {
    expect(errorsOf({ order: 10000n })[0]).toMatchObject({ keyword: 'maximum', params: { limit: 9999 } });
    expect(errorsOf({ order: 9999n })).toEqual([]);
    expect(errorsOf({ assetTypeId: null, technicalObjectTypeId: 2n ** 60n })).toEqual([]);
    expect(errorsOf({ requestTypeId: null })[0]).toMatchObject({ keyword: 'type' });
  });

  it('counts bigint ids in rule 2 of 004 (only one specific id)', () => {
    const [error] = errorsOf({ assetTypeId: 2n ** 60n, accountTypeId: 7n });
    expect(ruleOfError('nextgen', patch, error as never)).toBe('WOT-TOT-ONLY-ONE');
  });

  it('applies to inline schemas too', () => {
    const v = compileInline('nextgen', { type: 'integer', format: 'int64', minimum: 1 });
    expect([v(9223372036854775806n), v(0n), v(1)]).toEqual([true, false, true]);
  });
});

describe('int32', () => {
  it('refuses a value past Int32', () => {
    const v = compileInline('jobs', { type: 'integer', format: 'int32' });
    expect([v(2 ** 31 - 1), v(2 ** 31)]).toEqual([true, false]);
  });
});

describe('requestBodyValidator', () => {
  it('validates the body of an operation by media type and names the rule of each error', () => {
    const body = requestBodyValidator('WorkOrderTypes_Patch', 'application/json');
    expect(body?.validate({ code: 'x'.repeat(21) })).toBe(false);
    expect(body?.ruleOf(body.validate.errors?.[0] as never)).toBe('WOT-MAX-LENGTH');
    const xml = requestBodyValidator('JobPartUsage_Save', 'text/xml');
    expect([xml?.validate({ id: '6f1d2c40-8a51-4e0b-9c3e-0a7c00000001' }), xml?.validate({})]).toEqual([
      true,
      false,
    ]);
    expect(xml?.ruleOf(xml.validate.errors?.[0] as never)).toBe('JPU-ID-REQUIRED');
    expect(requestBodyValidator('Jobs_Get', 'application/json')).toBeUndefined();
    expect(requestBodyValidator('WorkOrderTypes_Patch', 'application/xml')).toBeUndefined();
  });
});
