// Round trips through every view: every writable field, with a value generated from its schema
// (date-times with offsets other than Z, compared as instants), is read back through every
// operation and representation that shows it; the fields the server owns stay the server's, the ones
// that move on a write move together, and headers agree with bodies (ETag, If-Match, Location).
import type { JsonSchema } from '../../lib/spec.ts';
import { expectStatus, expectThat, expectValue } from '../checks/expectations.ts';
import { type Failure, mismatch, show } from '../checks/failure.ts';
import { jsonBody, parseBody } from '../http/body.ts';
import type { Exchange } from '../http/exchange.ts';
import type { Row } from '../runner/discovery.ts';
import { newId } from '../runner/session.ts';
import { componentSchema, type Family, operation } from '../spec/api-catalog.ts';
import { SERVER_OWNED, sameValue, textOf } from './boundary-cases.ts';
import type { Case, CaseContext } from './case.ts';
import {
  contactCredential,
  freeCode,
  freeTriplets,
  liveTypes,
  readJob,
  restoreJob,
  SUITE_DESCRIPTION,
  someJob,
  typeToChange,
  writeBodyOf,
  ZERO_GUID,
} from './fixtures.ts';

type Property = JsonSchema & { type?: string | string[]; format?: string; maxLength?: number };

const OFFSETS = ['+02:00', '-05:30', '+09:45', '-11:00', '+14:00', '+05:45'];

/** Strings that name another record by its code (JOB-EMBEDDED-RESOLVE): not free text. */
const namesByCode = (field: string) => field.endsWith('_code') || /.+_reference_back_office$/.test(field);

function typesOf(p: Property): string[] {
  return Array.isArray(p.type) ? p.type : p.type ? [p.type] : [];
}

/**
 * A value for each free field of a schema, other than `current` has: texts, numbers, booleans and
 * date-times with offsets. Keys (GUIDs, ids) are left out: they must name records.
 */
export function generatedValues(family: Family, schemaName: string, current: Row, seed: number): Row {
  const props = (componentSchema(family, schemaName).properties ?? {}) as Record<string, Property>;
  const owned = SERVER_OWNED[schemaName] ?? [];
  const out: Row = {};
  let n = seed;
  for (const [field, p] of Object.entries(props)) {
    n += 1;
    if (p.readOnly || owned.includes(field) || p.enum || p['x-references']) continue;
    const types = typesOf(p);
    if (p.format === 'uuid' || /(_id|Id)$/.test(field)) continue;
    if (p.format === 'date-time') {
      const offset = OFFSETS[n % OFFSETS.length] ?? '+02:00';
      out[field] =
        `2030-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 27) + 1).padStart(2, '0')}T${String(n % 24).padStart(2, '0')}:${String((n * 7) % 60).padStart(2, '0')}:00.${String(n % 1000).padStart(3, '0')}${offset}`;
    } else if (types.includes('string')) {
      if (namesByCode(field)) continue;
      const text = `${field} ${n} ${textOf(12)}`;
      out[field] = text.slice(0, p.maxLength ?? text.length);
    } else if (types.includes('boolean')) {
      out[field] = current[field] !== true;
    } else if (types.includes('integer')) {
      const max = typeof p.maximum === 'number' ? p.maximum : 1000;
      let v = (n * 37) % Math.min(max, 1000);
      if (v === current[field]) v = (v + 1) % Math.min(max, 1000);
      out[field] = v;
    } else if (types.includes('number')) {
      out[field] = Math.round(n * 1.37 * 1000) / 1000;
    }
  }
  return out;
}

/** One failure per field that did not come back as it was written. */
export function compareFields(
  what: string,
  got: Row | undefined,
  sent: Row,
  props: Record<string, Property>,
  rule: string,
  exchange?: Exchange,
  expect: (field: string, value: unknown) => unknown = (_f, v) => v,
): Failure[] {
  const out: Failure[] = [];
  for (const [field, value] of Object.entries(sent)) {
    const wanted = expect(field, value);
    if (wanted === undefined) continue;
    if (!sameValue(props[field], got?.[field], wanted))
      out.push(
        mismatch('expected-value', rule, `${field} in ${what}`, show(got?.[field]), show(wanted), exchange),
      );
  }
  return out;
}

/** The body of an XML answer, read with the schema the operation documents for it. */
function xmlBody(x: Exchange): Row | undefined {
  const op = operation(x.operationId);
  const schema = op.responses[String(x.response?.status)]?.content['application/xml'];
  if (!schema) return undefined;
  const parsed = parseBody(x, op.family, schema);
  return parsed.ok ? (parsed.value as Row) : undefined;
}

const jobRoundTrip: Case = {
  id: 'Jobs_Put.round-trip',
  title:
    'every free field of a work order written with PUT reads back the same through GET (JSON and XML) and the ServiceDesk view (row and list, JSON and XML); server fields stay, ETag and dates move together',
  family: 'jobs',
  operationId: 'Jobs_Put',
  rules: [
    'HTTP-WRITE-PERSISTS',
    'JOBSVIEW-DERIVED',
    'JOB-MODIFIED-DATEUTC',
    'JOB-CONCURRENCY',
    'JOB-COMPANY-FROM-PROJECT',
  ],
  writes: true,
  run: async (t: CaseContext) => {
    // Status Suggested with a suggested user and start adds a planning (A14): not this case's business.
    const job = someJob(t, (j) => j.contact !== undefined && j.job.job_status_code !== 'Suggested');
    const contact = job.contact as number;
    const beforeRead = await t.send({ op: 'Jobs_Get', params: { id: job.id } });
    t.must(expectStatus(beforeRead, [200], 'HTTP-WRITE-PERSISTS'));
    const before = jsonBody<Row>(beforeRead) ?? {};
    restoreJob(t, job);
    const props = (componentSchema('jobs', 'jobs_write').properties ?? {}) as Record<string, Property>;
    const values = generatedValues('jobs', 'jobs_write', before, Date.now() % 1000);
    // What the server owns, sent with other values: it must keep its own (A20, A21).
    const foreign = {
      id2: Number(before.id2 ?? 0) + 1000,
      date_create: '2001-02-03T04:05:06+01:00',
      date_update: '2001-02-03T04:05:06+01:00',
      company_code: 'NOT-THE-COMPANY',
      modified_dateutc: '2001-02-03T04:05:06+01:00',
    };
    const x = await t.send({
      op: 'Jobs_Put',
      params: { id: job.id },
      json: { ...writeBodyOf(before), ...values, ...foreign },
    });
    t.must(expectStatus(x, [200], 'HTTP-WRITE-PERSISTS', 'the PUT of generated values was refused'));
    const answer = jsonBody<Row>(x) ?? {};
    const read = await t.send({ op: 'Jobs_Get', params: { id: job.id } });
    t.must(expectStatus(read, [200], 'HTTP-WRITE-PERSISTS'));
    const after = jsonBody<Row>(read) ?? {};
    const xml = await t.send({ op: 'Jobs_Get', params: { id: job.id }, accept: 'application/xml' });
    const row = await t.send({
      op: 'JobsView_Get',
      params: { id: job.id },
      as: { basic: contactCredential(t, contact) },
    });
    t.must(expectStatus(row, [200], 'JOBSVIEW-DERIVED', 'the view row could not be read'));
    const contactAuth = { basic: contactCredential(t, contact) };
    const rowXml = await t.send({
      op: 'JobsView_Get',
      params: { id: job.id },
      as: contactAuth,
      accept: 'application/xml',
    });
    const listed = await t.send({
      op: 'JobsView_List',
      query: { $filter: `id eq ${job.id}` },
      as: contactAuth,
    });
    const listRow = jsonBody<{ value?: Row[] }>(listed)?.value?.[0];
    const viewProps = (componentSchema('jobs', 'jobs_view').properties ?? {}) as Record<string, Property>;
    // The view shows the job's own fields under their names, cut to its columns (A22); the work
    // address is the addressed site's when the job names one (A24).
    const addressed = after.db_address_id !== ZERO_GUID;
    const inView = (field: string, value: unknown) => {
      const p = viewProps[field];
      if (!p || (addressed && field.startsWith('db_address_'))) return undefined;
      return typeof value === 'string' && typeof p.maxLength === 'number'
        ? value.slice(0, p.maxLength)
        : value;
    };
    const view = jsonBody<Row>(row) ?? {};
    t.check(
      ...compareFields('the PUT answer', answer, values, props, 'HTTP-WRITE-PERSISTS', x),
      ...compareFields('GET after the PUT', after, values, props, 'HTTP-WRITE-PERSISTS', read),
      ...compareFields('GET in XML after the PUT', xmlBody(xml), values, props, 'HTTP-WRITE-PERSISTS', xml),
      ...compareFields('the ServiceDesk view row', view, values, viewProps, 'JOBSVIEW-DERIVED', row, inView),
      ...compareFields(
        'the view row in XML',
        xmlBody(rowXml),
        values,
        viewProps,
        'JOBSVIEW-DERIVED',
        rowXml,
        inView,
      ),
      ...compareFields('the view list row', listRow, values, viewProps, 'JOBSVIEW-DERIVED', listed, inView),
    );
    // The server's fields.
    t.check(
      expectValue('id2 after sending another', after.id2, before.id2, 'JOB-MODIFIED-DATEUTC', read),
      expectValue(
        'date_create after sending another',
        after.date_create,
        before.date_create,
        'JOB-MODIFIED-DATEUTC',
        read,
      ),
      expectValue(
        'company_code after sending another',
        after.company_code,
        before.company_code,
        'JOB-COMPANY-FROM-PROJECT',
        read,
      ),
      expectThat(
        Date.parse(String(after.modified_dateutc)) > Date.parse(String(before.modified_dateutc)),
        'modified_dateutc did not move forward on the write',
        show(after.modified_dateutc),
        `later than ${show(before.modified_dateutc)}`,
        'JOB-MODIFIED-DATEUTC',
        read,
      ),
      expectThat(
        sameValue({ format: 'date-time' }, after.date_update, after.modified_dateutc),
        'date_update did not move with modified_dateutc (A20)',
        show(after.date_update),
        show(after.modified_dateutc),
        'JOB-MODIFIED-DATEUTC',
        read,
      ),
      expectThat(
        sameValue({ format: 'date-time' }, view.modified_dateutc, after.modified_dateutc),
        'the view row carries another modified_dateutc than the work order',
        show(view.modified_dateutc),
        show(after.modified_dateutc),
        'JOBSVIEW-DERIVED',
        row,
      ),
    );
    // Headers agree with bodies: the write's ETag is the next read's, it is the version (A9), and it works as If-Match.
    const etag = read.response?.headers.etag;
    t.check(
      expectValue(
        'ETag of the PUT answer against the next GET',
        x.response?.headers.etag,
        etag,
        'JOB-CONCURRENCY',
        x,
      ),
      expectValue(
        'ETag against modified_dateutc (A9)',
        etag,
        `"${String(after.modified_dateutc)}"`,
        'JOB-CONCURRENCY',
        read,
      ),
    );
    if (!etag) return;
    const again = await t.send({
      op: 'Jobs_Put',
      params: { id: job.id },
      json: writeBodyOf(after),
      headers: { 'if-match': etag },
    });
    t.check(
      expectStatus(again, [200], 'JOB-CONCURRENCY', 'the ETag of the last read did not work as If-Match'),
    );
    const stale = await t.send({
      op: 'Jobs_Put',
      params: { id: job.id },
      json: { ...writeBodyOf(after), name: 'stale write' },
      headers: { 'if-match': etag },
    });
    t.check(expectStatus(stale, [409], 'JOB-CONCURRENCY', 'an ETag older than the last write was accepted'));
    const last = await readJob(t, job.id, 'JOB-CONCURRENCY');
    t.check(
      expectValue('name after the stale write', last.name, after.name, 'JOB-CONCURRENCY'),
      expectValue(
        'ETag after the stale write',
        `"${String(last.modified_dateutc)}"`,
        again.response?.headers.etag,
        'JOB-CONCURRENCY',
      ),
    );
  },
};

/** PATCH every free field of a type; the answer, the GET and the list row show the same. */
const typeRoundTrip: Case = {
  id: 'WorkOrderTypes_Patch.round-trip',
  title:
    'every free field of a type written with PATCH reads back the same through the answer, GET and the list',
  family: 'nextgen',
  operationId: 'WorkOrderTypes_Patch',
  rules: ['HTTP-WRITE-PERSISTS'],
  writes: true,
  run: async (t: CaseContext) => {
    const props = (componentSchema('nextgen', 'WorkOrderTypePatch').properties ?? {}) as Record<
      string,
      Property
    >;
    // `active` is left alone: deactivating a type in use is refused (WORKORDERS_016), another case's rule.
    const fields = Object.keys(props).filter((f) => f !== 'active');
    const type = await typeToChange(t, fields);
    const {
      active: _a,
      code: _c,
      ...values
    } = generatedValues('nextgen', 'WorkOrderTypePatch', type, Date.now() % 1000);
    values.code = freeCode(await liveTypes(t));
    const x = await t.send({ op: 'WorkOrderTypes_Patch', params: { typeId: type.id }, json: values });
    t.must(expectStatus(x, [200], 'HTTP-WRITE-PERSISTS', 'the PATCH of generated values was refused'));
    const read = await t.send({ op: 'WorkOrderTypes_Get', params: { typeId: type.id } });
    const list = await t.send({ op: 'WorkOrderTypes_List', query: { id: type.id } });
    const listed = jsonBody<{ content?: Row[] }>(list)?.content?.[0];
    t.check(
      ...compareFields('the PATCH answer', jsonBody(x), values, props, 'HTTP-WRITE-PERSISTS', x),
      ...compareFields('GET after the PATCH', jsonBody(read), values, props, 'HTTP-WRITE-PERSISTS', read),
      ...compareFields('the list row after the PATCH', listed, values, props, 'HTTP-WRITE-PERSISTS', list),
      expectValue('id after the PATCH', jsonBody(read)?.id, type.id, 'HTTP-WRITE-PERSISTS', read),
      expectValue(
        'active after a PATCH without it',
        jsonBody(read)?.active,
        type.active,
        'HTTP-WRITE-PERSISTS',
        read,
      ),
    );
  },
};

/** The one type a run creates for good: the largest legal values, read back through every read. */
const typeCreateRoundTrip: Case = {
  id: 'WorkOrderTypes_Create.round-trip',
  title:
    'a type created with the largest legal values answers 201 with a Location that reads it back, and GET and the list show it intact',
  family: 'nextgen',
  operationId: 'WorkOrderTypes_Create',
  rules: ['HTTP-WRITE-PERSISTS', 'WOT-MAX-LENGTH', 'WOT-CODE-UNIQUE', 'WOT-TRIPLET-UNIQUE'],
  writes: true,
  run: async (t: CaseContext) => {
    const types = await liveTypes(t);
    const triplet = freeTriplets(types)[0];
    if (!triplet)
      t.skip('every combination of the known request, service and technical object types is taken (S21)');
    const props = (componentSchema('nextgen', 'WorkOrderTypeCreate').properties ?? {}) as Record<
      string,
      Property
    >;
    const body: Row = {
      code: freeCode(types, props.code?.maxLength ?? 20),
      description: `${SUITE_DESCRIPTION} ${textOf(80)}`.slice(0, props.description?.maxLength ?? 80),
      color: textOf(props.color?.maxLength ?? 10),
      order: props.order?.maximum ?? 9999,
      serviceLevelDays: props.serviceLevelDays?.maximum ?? 9999999999,
      booking: true,
      ...triplet,
    };
    const x = await t.send({ op: 'WorkOrderTypes_Create', json: body });
    if ((x.response?.status ?? 500) < 300)
      t.unrestorable(`work order type ${String(body.code)} (there is no DELETE)`);
    t.must(
      expectStatus(x, [201], 'HTTP-WRITE-PERSISTS', 'the create with the largest legal values was refused'),
    );
    const created = jsonBody<Row>(x) ?? {};
    const location = x.response?.headers.location ?? '';
    t.check(
      expectThat(
        location.endsWith(`/types/${String(created.id)}`),
        'the Location header does not name the created type',
        show(location),
        `…/types/${String(created.id)}`,
        'HTTP-WRITE-PERSISTS',
        x,
      ),
    );
    const read = await t.send({ op: 'WorkOrderTypes_Get', params: { typeId: Number(created.id) } });
    const list = await t.send({ op: 'WorkOrderTypes_List', query: { code: String(body.code) } });
    const listed = jsonBody<{ content?: Row[] }>(list)?.content ?? [];
    t.check(
      ...compareFields('the create answer', created, body, props, 'HTTP-WRITE-PERSISTS', x),
      ...compareFields('GET of the created type', jsonBody(read), body, props, 'HTTP-WRITE-PERSISTS', read),
      expectValue('types listed under the new code', listed.length, 1, 'WOT-CODE-UNIQUE', list),
      // What the body leaves out takes the server's defaults (N17).
      expectValue(
        'active of a type created without it (N17)',
        jsonBody(read)?.active,
        true,
        'HTTP-WRITE-PERSISTS',
        read,
      ),
      expectValue(
        'structureId of a new type (N17)',
        jsonBody(read)?.structureId,
        null,
        'HTTP-WRITE-PERSISTS',
        read,
      ),
      ...compareFields(
        'the list row of the created type',
        listed[0],
        body,
        props,
        'HTTP-WRITE-PERSISTS',
        list,
      ),
    );
  },
};

/** Save every free field of a part usage; the answer (JSON and XML) and the next Save show the same. */
const partUsageRoundTrip: Case = {
  id: 'JobPartUsage_Save.round-trip',
  title:
    'every free field of a part usage comes back the same in the Save answer, in XML, and on saving it again',
  family: 'jobs',
  operationId: 'JobPartUsage_Save',
  rules: ['HTTP-WRITE-PERSISTS', 'JPU-UPSERT'],
  writes: true,
  run: async (t: CaseContext) => {
    const props = (componentSchema('jobs', 'job_part_usage').properties ?? {}) as Record<string, Property>;
    // Without warranty, so that the discount is the one sent (JPU-WARRANTY-DISCOUNT).
    const values = {
      ...generatedValues('jobs', 'job_part_usage', {}, Date.now() % 1000),
      is_under_warranty: false,
    };
    const body = { id: newId(), jobs_id: someJob(t).id, ...values };
    const x = await t.send({ op: 'JobPartUsage_Save', json: body, accept: 'application/xml' });
    if ((x.response?.status ?? 500) < 300) t.unrestorable(`part usage ${body.id} (there is no DELETE)`);
    t.must(expectStatus(x, [201], 'JPU-UPSERT', 'a new part usage was not created'));
    const again = await t.send({ op: 'JobPartUsage_Save', json: body });
    t.check(
      expectStatus(again, [200], 'JPU-UPSERT', 'saving the same part usage again was not an update'),
      ...compareFields('the Save answer in XML', xmlBody(x), values, props, 'HTTP-WRITE-PERSISTS', x),
      ...compareFields(
        'the answer to saving it again',
        jsonBody(again),
        values,
        props,
        'HTTP-WRITE-PERSISTS',
        again,
      ),
    );
  },
};

/** The view's narrower text columns carry the first characters of the job's longest legal texts (A22). */
const viewColumnWidths: Case = {
  id: 'JobsView_Get.column-widths',
  title:
    "the job's texts at their full documented length read back whole through GET and cut to the view's column width in the view",
  family: 'jobs',
  operationId: 'JobsView_Get',
  rules: ['JOBSVIEW-DERIVED', 'JOB-MAX-LENGTH'],
  writes: true,
  run: async (t: CaseContext) => {
    const job = someJob(t, (j) => j.contact !== undefined && j.job.job_status_code !== 'Suggested');
    const before = await readJob(t, job.id, 'HTTP-WRITE-PERSISTS');
    const props = (componentSchema('jobs', 'jobs_write').properties ?? {}) as Record<string, Property>;
    const viewProps = (componentSchema('jobs', 'jobs_view').properties ?? {}) as Record<string, Property>;
    const addressed = before.db_address_id !== ZERO_GUID;
    const values: Row = {};
    for (const [field, p] of Object.entries(props)) {
      const width = viewProps[field]?.maxLength;
      if (typeof p.maxLength !== 'number' || typeof width !== 'number' || width >= p.maxLength) continue;
      if (addressed && field.startsWith('db_address_')) continue;
      values[field] = textOf(p.maxLength);
    }
    if (Object.keys(values).length === 0) t.notApplicable('no text of the job is wider than its view column');
    restoreJob(t, job);
    const x = await t.send({
      op: 'Jobs_Put',
      params: { id: job.id },
      json: { ...writeBodyOf(before), ...values },
    });
    t.must(expectStatus(x, [200], 'JOB-MAX-LENGTH', 'texts at their documented length were refused'));
    const after = await readJob(t, job.id, 'HTTP-WRITE-PERSISTS');
    const row = await t.send({
      op: 'JobsView_Get',
      params: { id: job.id },
      as: { basic: contactCredential(t, job.contact as number) },
    });
    t.must(expectStatus(row, [200], 'JOBSVIEW-DERIVED', 'the view row could not be read'));
    const cut = (field: string, value: unknown) => String(value).slice(0, viewProps[field]?.maxLength);
    t.check(
      ...compareFields('GET after the PUT', after, values, props, 'JOB-MAX-LENGTH'),
      ...compareFields('the view row (A22)', jsonBody(row), values, viewProps, 'JOBSVIEW-DERIVED', row, cut),
    );
  },
};

export function roundTripCases(): Case[] {
  return [jobRoundTrip, viewColumnWidths, typeRoundTrip, typeCreateRoundTrip, partUsageRoundTrip];
}
