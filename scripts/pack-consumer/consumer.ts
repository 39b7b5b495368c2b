// A strict TypeScript consumer without @types/node (a browser app) of the packed package (scripts/pack.test.ts type-checks it, never runs
// it): both clients, the types, the mock and the suite, as a frontend or QA repository imports them.
import { type ContractResult, runContract } from 'work-order-contracts/contract';
import {
  createJobsClient,
  type Job,
  type JobsViewRow,
  type JobWrite,
  type MinimalId,
  newSessionName,
} from 'work-order-contracts/jobs';
import { type RunningMock, startMock } from 'work-order-contracts/mock';
import { createMockHandlers, type MockHandlers } from 'work-order-contracts/msw';
import { createNextGenClient, type WorkOrderType } from 'work-order-contracts/nextgen';

export async function consumer(): Promise<void> {
  const mock: RunningMock = await startMock({ seed: 1, jobs: 5 });
  const jobs = createJobsClient({
    baseUrl: mock.url,
    credentials: 'contact1:demo@demo',
    session: newSessionName(),
  });

  // The JSON page: `.value` without narrowing to JSON first.
  const page = await jobs.GET('/api/JobsView', { params: { query: { $top: 5 } } });
  const rows: JobsViewRow[] | undefined = page.data?.value;
  const id: string = rows?.[0]?.id ?? '';

  const read = await jobs.getJob(id);
  if (!read.data) throw new Error(read.error.Message);
  const body = read.data as unknown as JobWrite;

  // Without Prefer: the whole work order; with return: 'minimal': only its id.
  const full = await jobs.putJob(id, body);
  const job: Job | undefined = full.data;
  const minimal = await jobs.putJob(id, body, { return: 'minimal' });
  const onlyId: MinimalId | undefined = minimal.data;
  // @ts-expect-error a minimal answer has no name
  const noName = minimal.data?.name;

  const nextgen = createNextGenClient({
    baseUrl: mock.url,
    credentials: { username: 'admin@demo', password: 'demo' },
  });
  const patched = await nextgen.PATCH('/work-orders/r1/types/{typeId}', {
    params: { path: { typeId: 1 } },
    body: { color: '#43A047' },
  });
  const type: WorkOrderType | undefined = patched.data;

  const inPage: MockHandlers = createMockHandlers({
    baseUrls: { nextgen: 'https://fsm.example.test/api' },
    jobs: 5,
  });
  inPage.reset('some-test');

  const result: ContractResult = await runContract({ baseUrl: mock.url, only: ['Jobs_Get'] });
  console.log(job?.id, onlyId?.id, noName, type?.code, result.exitCode, inPage.handlers.length);
  await mock.close();
}
