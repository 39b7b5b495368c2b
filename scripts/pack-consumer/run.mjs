// Run by scripts/pack.test.ts with plain Node inside the consumer project: the mock from the
// package's JavaScript, called through the typed client. Prints one JSON line.
const { startMock } = await import('work-order-contracts/mock');
const { createJobsClient, newSessionName } = await import('work-order-contracts/jobs');
const { createNextGenClient } = await import('work-order-contracts/nextgen');
const { runContract } = await import('work-order-contracts/contract');
const { createMockHandlers } = await import('work-order-contracts/msw');
const { setupServer } = await import('msw/node');
const mock = await startMock({ seed: 3, jobs: 8 });
try {
  const jobs = createJobsClient({
    baseUrl: mock.url,
    credentials: 'contact1:demo@demo',
    session: newSessionName(),
  });
  const page = await jobs.listJobsView({ $top: 3 });
  const nextgen = createNextGenClient({
    baseUrl: mock.url,
    credentials: { username: 'viewer@demo', password: 'demo' },
  });
  const types = await nextgen.GET('/work-orders/r1/types', {});
  const contract = await runContract({ baseUrl: mock.url, only: ['Jobs_Get'] });
  // The same API with no server: the pipeline inside msw/node.
  const msw = setupServer(
    ...createMockHandlers({ baseUrls: { servicedesk: 'https://desk.example.test' } }).handlers,
  );
  msw.listen({ onUnhandledRequest: 'bypass' });
  const inMsw = await createJobsClient({
    baseUrl: 'https://desk.example.test',
    credentials: 'contact1:demo@demo',
  }).listJobsView({ $top: 2 });
  msw.close();
  console.log(
    JSON.stringify({
      url: mock.url,
      rows: page.data?.value.length,
      types: types.response.status,
      contract: contract.exitCode,
      msw: inMsw.data?.value.length,
      suite: contract.suite,
    }),
  );
} finally {
  await mock.close();
}
