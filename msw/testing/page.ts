// The page of msw/browser.test.ts: MSW's service worker with this package's handlers, then a
// JobsView page through the typed client, listed in #rows (data-status: the answer's status).
import { setupWorker } from 'msw/browser';
import { createJobsClient } from '../../client/jobs.ts';
import { createMockHandlers } from '../index.ts';

const { handlers } = createMockHandlers({ baseUrls: { servicedesk: location.origin }, seed: 42, jobs: 50 });
await setupWorker(...handlers).start({ quiet: true, onUnhandledRequest: 'bypass' });

const jobs = createJobsClient({ baseUrl: location.origin, credentials: 'contact1:demo@demo' });
const answer = await jobs.listJobsView({ $top: 5, $orderby: 'date_create desc' });
const list = document.querySelector('#rows') as HTMLElement;
for (const row of answer.data?.value ?? []) {
  const item = document.createElement('li');
  item.textContent = `${row.id} ${row.name}`;
  list.append(item);
}
list.dataset.status = String(answer.response.status);
