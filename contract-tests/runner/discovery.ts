// Finds records to test with through the API itself (list endpoints), unless the config names them:
// the jobs each contact sees (JobsView), those jobs as the main API answers them, and the work order types.

import type { SuiteConfig } from '../config/suite-config.ts';
import { jsonBody } from '../http/body.ts';
import { ConnectionError, isConnectionRefusal } from '../http/client.ts';
import type { Exchange } from '../http/exchange.ts';
import { resolveLink } from '../http/link.ts';
import { mapBounded, READ_CONCURRENCY } from './bounded.ts';
import { ForeignLinkError, NoCredentialsError, type Session } from './session.ts';

export type Row = Record<string, unknown>;
export type ContactView = { credential: string; rows: Row[] };
export type KnownJob = { id: string; contact: number | undefined; job: Row };
export type WorkOrderType = Record<string, unknown> & { id: number; code: string };

export type Fixtures = {
  contacts: ContactView[];
  jobs: KnownJob[];
  types: WorkOrderType[];
  notes: string[];
};

const MAX_PAGES = 10;
const MAX_JOBS_PER_CONTACT = 6;

// Any 2xx will do here: whether the status is the documented one is for the checks to say.
const isSuccess = (x: Exchange) => (x.response?.status ?? 0) >= 200 && (x.response?.status ?? 0) < 300;

function refused(x: Exchange): void {
  if (isConnectionRefusal(x.error)) throw new ConnectionError(new URL(x.request.url).origin, x.error ?? '');
}

export async function discover(
  session: Session,
  config: SuiteConfig,
  record: (x: Exchange) => void,
): Promise<Fixtures> {
  const notes: string[] = [];
  const exchange = async (request: Parameters<Session['exchange']>[0]) => {
    const x = await session.exchange(request, record);
    refused(x);
    return x;
  };

  // Independent reads: the contacts' lists and the jobs' GETs go a few at a time (S31), in order in the result.
  const read = await mapBounded(config.credentials.contacts, READ_CONCURRENCY, async (credential) => {
    const rows: Row[] = [];
    const said: string[] = [];
    // The server's own links, exactly as given (S30); whether they are right is the query oracle's concern.
    let link: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      let x: Exchange;
      try {
        x = await exchange({
          op: 'JobsView_List',
          as: { basic: credential },
          ...(link ? { url: link } : {}),
        });
      } catch (e) {
        if (!(e instanceof ForeignLinkError)) throw e;
        said.push(`JobsView as ${credential.split(':')[0]}: ${e.message}`);
        break;
      }
      const value = jsonBody<{ value?: Row[]; '@odata.nextLink'?: string }>(x);
      if (!isSuccess(x) || !Array.isArray(value?.value)) {
        said.push(`JobsView as ${credential.split(':')[0]} answered ${x.response?.status ?? x.error}`);
        break;
      }
      rows.push(...value.value);
      const next = value['@odata.nextLink'];
      if (typeof next !== 'string' || value.value.length === 0) break;
      link = resolveLink(next, x.request.url);
    }
    return { contact: { credential, rows }, said };
  });
  const contacts: ContactView[] = read.map((r) => r.contact);
  notes.push(...read.flatMap((r) => r.said));

  const wanted: { id: string; contact: number | undefined }[] = [];
  if (config.fixtures.jobIds?.length) {
    for (const id of config.fixtures.jobIds) {
      const contact = contacts.findIndex((c) => c.rows.some((r) => r.id === id));
      wanted.push({ id, contact: contact === -1 ? undefined : contact });
    }
  } else {
    contacts.forEach((c, i) => {
      for (const row of c.rows.slice(0, MAX_JOBS_PER_CONTACT))
        wanted.push({ id: String(row.id), contact: i });
    });
  }
  const jobs: KnownJob[] = [];
  if (config.credentials.jobsWriter) {
    const answers = await mapBounded(wanted, READ_CONCURRENCY, (w) =>
      exchange({ op: 'Jobs_Get', params: { id: w.id } }),
    );
    for (const [i, x] of answers.entries()) {
      const w = wanted[i] as (typeof wanted)[number];
      const job = jsonBody<Row>(x);
      if (isSuccess(x) && job && typeof job === 'object') jobs.push({ ...w, job });
      else notes.push(`GET Jobs(${w.id}) answered ${x.response?.status ?? x.error}`);
    }
  }
  if (jobs.length === 0)
    notes.push('no work order found: name some in fixtures.jobIds or give contacts that see some');

  let types: WorkOrderType[] = [];
  try {
    const x = await exchange({ op: 'WorkOrderTypes_List', query: { '_page[size]': 0 } });
    const content = jsonBody<{ content?: WorkOrderType[] }>(x)?.content;
    if (isSuccess(x) && Array.isArray(content)) types = content;
    else notes.push(`the work order type list answered ${x.response?.status ?? x.error}`);
  } catch (e) {
    if (!(e instanceof NoCredentialsError)) throw e;
    notes.push(e.message);
  }
  if (config.fixtures.workOrderTypeIds?.length) {
    const ids = new Set(config.fixtures.workOrderTypeIds);
    types = types.filter((t) => ids.has(t.id));
  }
  if (types.length < 2) notes.push(`found ${types.length} work order types; uniqueness rules need two`);
  return { contacts, jobs, types, notes };
}
