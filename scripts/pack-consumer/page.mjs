// Bundled for the browser by scripts/pack.test.ts from the installed package, as a consumer's
// bundler does (package.json "browser" field applied): nothing of Node may be left in it.

import { setupWorker } from 'msw/browser';
import { createJobsClient } from 'work-order-contracts/jobs';
import { createMockHandlers } from 'work-order-contracts/msw';

const { handlers } = createMockHandlers({ baseUrls: { main: location.origin } });
await setupWorker(...handlers).start();
const jobs = createJobsClient({ baseUrl: location.origin, credentials: 'contact1:demo@demo' });
document.body.textContent = String((await jobs.listJobsView({ $top: 5 })).data?.value.length);
