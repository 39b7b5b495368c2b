// What the scenarios need from the mock's data, found the way a client finds it: a job through
// JobsView, its body, a NextGen token and the work order types to patch.

export const JOBS_USER = 'admin:demo@demo';
export const CONTACT = 'contact1:demo@demo';
const NEXTGEN_LOGIN = { username: 'admin@demo', password: 'demo' };

export const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

/** JobsView filtered and ordered over several columns (OData as document 002 allows). */
const VIEW_QUERY =
  "$filter=due_date ge 2025-01-01T00:00:00Z and job_status_name ne 'Closed' and contains(name,'e')" +
  '&$orderby=due_date desc,id2';

export const viewQueryPath = () =>
  `/api/JobsView?${VIEW_QUERY.replace(/ /g, '%20').replace(/'/g, '%27').replace(/,/g, '%2C')}`;

export type Fixtures = {
  jobId: string;
  /** GET /api/Jobs(jobId) as JSON, byte for byte: the PUT body and the bare server's answer. */
  jobBody: string;
  /** Rows the contact sees (the view is scoped to the contact's company) and how many the filter keeps. */
  viewRowsInScope: number;
  viewRowsMatched: number;
  nextgenToken: string;
  workOrderTypeIds: number[];
};

async function getJson(url: string, init: RequestInit = {}): Promise<unknown> {
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

export async function discoverFixtures(baseUrl: string): Promise<Fixtures> {
  const contact = { headers: { authorization: basic(CONTACT), accept: 'application/json' } };
  const first = (await getJson(`${baseUrl}/api/JobsView?$top=1&$count=true`, contact)) as {
    value: { id: string }[];
    '@odata.count': number;
  };
  const jobId = first.value[0]?.id;
  if (!jobId) throw new Error('JobsView of contact1 is empty: no job to benchmark with');
  const filtered = (await getJson(`${baseUrl}${viewQueryPath()}&$count=true&$top=1`, contact)) as {
    '@odata.count': number;
  };
  const jobRes = await fetch(`${baseUrl}/api/Jobs(${jobId})`, {
    headers: { authorization: basic(JOBS_USER), accept: 'application/json' },
  });
  const jobBody = await jobRes.text();
  if (!jobRes.ok) throw new Error(`GET /api/Jobs(${jobId}): ${jobRes.status} ${jobBody.slice(0, 300)}`);

  const token = (await getJson(`${baseUrl}/configurations/identity/r1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(NEXTGEN_LOGIN),
  })) as { accessToken: string };
  const types = (await getJson(`${baseUrl}/work-orders/r1/types?_page[size]=0`, {
    headers: { authorization: `Bearer ${token.accessToken}`, accept: 'application/json' },
  })) as { content: { id: number }[] };
  return {
    jobId,
    jobBody,
    viewRowsInScope: first['@odata.count'],
    viewRowsMatched: filtered['@odata.count'],
    nextgenToken: token.accessToken,
    workOrderTypeIds: types.content.map((t) => t.id),
  };
}
