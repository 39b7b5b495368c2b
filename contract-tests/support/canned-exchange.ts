// Builds exchanges by hand, for the unit tests of checks and reports.
import type { Exchange } from '../http/exchange.ts';

export function cannedExchange(
  operationId: Exchange['operationId'],
  status: number,
  body: unknown,
  options: { headers?: Record<string, string>; contentType?: string; partialItems?: boolean } = {},
): Exchange {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = options.contentType ?? 'application/json; charset=utf-8';
  return {
    operationId,
    request: { method: 'GET', url: 'http://127.0.0.1:4010/x', headers: { authorization: 'Basic eDp5' } },
    response: {
      status,
      headers: { ...(text === '' ? {} : { 'content-type': contentType }), ...options.headers },
      body: text,
      durationMs: 1,
    },
    ...(options.partialItems ? { partialItems: true } : {}),
  };
}

const ZERO = '00000000-0000-0000-0000-000000000000';

/** A jobs_view row that satisfies the schema, for tests that alter one field of it. */
export function validJobsViewRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const text = [
    'reference_back_office',
    'job_type_name',
    'job_priority_name',
    'job_status_name',
    'name',
    'description',
    'project_shutdown_consequence',
    'source_db_table_name',
    'created_by_user_firstname',
    'created_by_user_lastname',
    'updated_by_user_firstname',
    'updated_by_user_lastname',
    'project_location',
    'project_reference_back_office',
    'project_name',
    'project_serial_number',
    'project_contact_firstname',
    'project_contact_lastname',
    'equipment_model_name',
    'equipment_family_name',
    'equipment_brand_name',
    'company_code',
    'company_name',
    'db_address_street',
    'db_address_street_number',
    'db_address_zip',
    'db_address_city',
    'db_address_country_name',
    'db_address_country_code',
    'db_address_phone',
    'db_address_email',
    'first_planning_userfullname',
    'customer_reference',
    'contact_fullname',
    'contact_phone',
    'contact_mobile',
    'contact_email',
    'job_reference',
  ];
  const ids = [
    'id',
    '_parent_id',
    'job_type_id',
    'job_priority_id',
    'job_status_id',
    'db_address_id',
    'contact_id',
    'requested_by_contact_id',
    'source_db_table_id',
    'source_id_in_table',
    'project_id',
    'project_parent_id',
    'equipment_model_id',
    'equipment_family_id',
    'equipment_brand_id',
    'root_parent_id',
  ];
  const dates = [
    'date_closed',
    'date_create',
    'date_update',
    'earliest_date_plannable',
    'due_date',
    'suggested_date_start',
    'first_planning_date',
    'date_reported_by_company',
    'modified_dateutc',
    'dateutc_create',
    'dateutc_max_sla_resolution',
    'dateutc_max_sla_hands_on_machine',
    'dateutc_max_sla_contact',
    'dateutc_in_progress',
    'dateutc_closed',
  ];
  const row: Record<string, unknown> = {};
  for (const f of text) row[f] = '';
  for (const f of ids) row[f] = ZERO;
  for (const f of dates) row[f] = '1980-01-01T00:00:00Z';
  Object.assign(row, {
    id2: 7,
    nb_notes: 0,
    project_id2: 1,
    has_child: false,
    job_planning_count: 0,
    total_time_planned: 0,
  });
  row.job_reference = '7';
  return { ...row, ...overrides };
}
