// The scenarios as data: what each server is sent, or why a server gives no figure for it.
import { randomUUID } from 'node:crypto';
import type autocannon from 'autocannon';
import { basic, CONTACT, type Fixtures, JOBS_USER, viewQueryPath } from './fixtures.ts';

export type ServerKind = 'ours' | 'bare' | 'prism' | 'prism-quiet';

export const SERVER_LABELS: Record<ServerKind, string> = {
  ours: 'wo-mock',
  bare: 'bare Express 5',
  prism: 'Prism (default)',
  'prism-quiet': 'Prism -v error',
};

export type ScenarioId =
  | 'get-job'
  | 'get-job-xml'
  | 'jobs-view-page'
  | 'jobs-view-filter'
  | 'put-job'
  | 'save-part-usage'
  | 'nextgen-patch';

/** Requests to send (with what the figure means, when it needs saying), or why there is no figure. */
type Plan = { requests: autocannon.Request[]; note?: string } | { skip: string };

type Scenario = {
  id: ScenarioId;
  title: string;
  family: 'jobs' | 'nextgen';
  /** undefined: the server has nothing to do with this scenario (the bare server has one route). */
  plan(server: ServerKind, fixtures: Fixtures, connections: number): Plan | undefined;
};

const JSON_TYPE = 'application/json';
const jobsUser = { authorization: basic(JOBS_USER), accept: JSON_TYPE };
const contact = { authorization: basic(CONTACT), accept: JSON_TYPE };

const PRISM_STATIC = 'static example of the spec, not the data set';
const PRISM_STATELESS = 'Prism checks the request, stores nothing and answers the static example';

const prism = (server: ServerKind) => server === 'prism' || server === 'prism-quiet';

export const SCENARIOS: Scenario[] = [
  {
    id: 'get-job',
    title: 'GET one job',
    family: 'jobs',
    plan: (server, f) => {
      const requests = [{ method: 'GET' as const, path: `/api/Jobs(${f.jobId})`, headers: jobsUser }];
      if (server === 'bare') return { requests, note: 'precomputed body of the same job' };
      return prism(server) ? { requests, note: PRISM_STATIC } : { requests };
    },
  },
  {
    id: 'get-job-xml',
    title: 'GET one job as XML',
    family: 'jobs',
    plan: (server, f) => {
      if (server === 'bare') return undefined;
      if (prism(server))
        return {
          skip: "not comparable: Prism ignores the schemas' xml keyword (DataContract names and namespaces), so its XML is not the documented format",
        };
      return {
        requests: [
          {
            method: 'GET',
            path: `/api/Jobs(${f.jobId})`,
            headers: { ...jobsUser, accept: 'application/xml' },
          },
        ],
      };
    },
  },
  {
    id: 'jobs-view-page',
    title: 'JobsView first page',
    family: 'jobs',
    plan: (server) => {
      if (server === 'bare') return undefined;
      const requests = [{ method: 'GET' as const, path: '/api/JobsView', headers: contact }];
      return prism(server) ? { requests, note: PRISM_STATIC } : { requests };
    },
  },
  {
    id: 'jobs-view-filter',
    title: 'JobsView $filter + $orderby',
    family: 'jobs',
    plan: (server, f) => {
      if (server === 'bare') return undefined;
      if (prism(server))
        return {
          skip: 'no figure: Prism does not evaluate $filter or $orderby, it answers the static example',
        };
      return {
        requests: [{ method: 'GET', path: viewQueryPath(), headers: contact }],
        note: `${f.viewRowsMatched} of the contact's ${f.viewRowsInScope} rows match (JobsView is scoped to the contact's company)`,
      };
    },
  },
  {
    id: 'put-job',
    title: 'PUT a job (its own body)',
    family: 'jobs',
    plan: (server, f) => {
      if (server === 'bare') return undefined;
      const requests = [
        {
          method: 'PUT' as const,
          path: `/api/Jobs(${f.jobId})`,
          headers: { ...jobsUser, 'content-type': JSON_TYPE },
          body: f.jobBody,
        },
      ];
      return prism(server) ? { requests, note: PRISM_STATELESS } : { requests };
    },
  },
  {
    id: 'save-part-usage',
    title: 'Save a part usage (new id each request)',
    family: 'jobs',
    plan: (server, f) => {
      if (server === 'bare') return undefined;
      const requests: autocannon.Request[] = [
        {
          method: 'POST',
          path: '/api/JobPartUsage/Save',
          headers: { ...jobsUser, 'content-type': JSON_TYPE },
          // A new id every time: each request creates a record (201), none is an upsert of an old one.
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({
              id: randomUUID(),
              jobs_id: f.jobId,
              article_name: 'Bench filter cartridge',
              quantity: 2,
              price: 12.5,
              working_date: '2025-03-01T10:00:00Z',
            }),
          }),
        },
      ];
      return prism(server) ? { requests, note: `${PRISM_STATELESS} (200, not 201)` } : { requests };
    },
  },
  {
    id: 'nextgen-patch',
    title: 'NextGen PATCH a work order type',
    family: 'nextgen',
    plan: (server, f, connections) => {
      if (server === 'bare') return undefined;
      const ids = f.workOrderTypeIds;
      if (ids.length === 0) return { skip: 'no work order type to patch' };
      let assigned = 0;
      const requests: autocannon.Request[] = [
        {
          method: 'PATCH',
          headers: {
            authorization: `Bearer ${prism(server) ? 'bench' : f.nextgenToken}`,
            accept: JSON_TYPE,
            'content-type': JSON_TYPE,
          },
          // Each connection keeps to one type and alternates two descriptions, so every request
          // changes the type (when there are at least as many types as connections).
          setupRequest: (req, context) => {
            const c = context as { typeId?: number; flip?: boolean };
            c.typeId ??= ids[assigned++ % ids.length] as number;
            c.flip = !c.flip;
            return {
              ...req,
              path: `/work-orders/r1/types/${c.typeId}`,
              body: JSON.stringify({ description: c.flip ? 'Bench description A' : 'Bench description B' }),
            };
          },
        },
      ];
      const shared =
        ids.length < connections
          ? `; ${connections} connections share ${ids.length} types, so a request can find its value already set`
          : '';
      return prism(server)
        ? { requests, note: PRISM_STATELESS }
        : { requests, note: `alternating description, one type per connection${shared}` };
    },
  },
];
