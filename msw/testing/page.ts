// The page of msw/browser.test.ts: MSW's service worker with this package's handlers, then a
// JobsView page through the typed client, listed in #rows (data-status: the answer's status).
// With #write in the address it first renames the newest work order as an admin, then lists.
import { setupWorker } from 'msw/browser';
import { createJobsClient, type JobWrite } from '../../client/jobs.ts';
import { createMockHandlers } from '../index.ts';

// Another origin, as an app's configuration names the API's host: nothing answers there but MSW.
const API = 'https://api.example.test';
const { handlers } = createMockHandlers({ baseUrls: { main: API }, seed: 42, jobs: 50 });
await setupWorker(...handlers).start({ quiet: true, onUnhandledRequest: 'bypass' });

const contact = createJobsClient({ baseUrl: API, credentials: 'contact1:demo@demo' });
const query = { $top: 5, $orderby: 'date_create desc' };
if (location.hash === '#write') {
  const newest = (await contact.listJobsView(query)).data?.value[0]?.id ?? '';
  const admin = createJobsClient({ baseUrl: API, credentials: 'admin:demo@demo' });
  const { id: _id, ...job } = (await admin.getJob(newest)).data as Record<string, unknown>;
  await admin.putJob(newest, { ...job, name: 'Written in the page' } as JobWrite, { return: 'minimal' });
}
const answer = await contact.listJobsView(query);
const list = document.querySelector('#rows') as HTMLElement;
for (const row of answer.data?.value ?? []) {
  const item = document.createElement('li');
  item.textContent = `${row.id} ${row.name}`;
  list.append(item);
}
list.dataset.status = String(answer.response.status);
