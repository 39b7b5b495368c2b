// Tries every configured login once before the run (one read or login per role and host), so that a
// wrong password stops the run with one clear line instead of hundreds of skipped cases.
import { ConfigError, type NextGenRole, type SuiteConfig } from '../config/suite-config.ts';
import { ConnectionError, isConnectionRefusal } from '../http/client.ts';
import type { Exchange } from '../http/exchange.ts';
import type { ApiRequest, Session } from './session.ts';

class CredentialsError extends ConfigError {}

// A key no record has: an accepted login answers 404 (or 200), a refused one 401, and nothing is read.
const NO_SUCH_JOB = 'f0f0f0f0-0000-4000-8000-00000000c4ec';

type Probe = { role: string; user: string; request: ApiRequest; refusedBy: number[] };

function userOf(basic: string): string {
  return basic.split(':')[0] ?? '';
}

function probes(config: SuiteConfig): Probe[] {
  const out: Probe[] = [];
  const { jobsWriter, jobsReadOnly, contacts, nextgen } = config.credentials;
  const basic = (role: string, login: string | undefined, host: 'main' | 'serviceapp') => {
    if (!login) return;
    if (host === 'main')
      out.push({
        role,
        user: userOf(login),
        request: { op: 'Jobs_Get', params: { id: NO_SUCH_JOB }, as: { basic: login } },
        refusedBy: [401],
      });
    // The Service App host has only a write: probed with an empty body, which a valid user gets
    // refused as invalid (400) and a refused login as 401; nothing is stored either way.
    else if (config.baseUrls.serviceapp !== config.baseUrls.main && config.writes !== false)
      out.push({
        role,
        user: userOf(login),
        request: { op: 'JobPartUsage_Save', json: {}, as: { basic: login } },
        refusedBy: [401],
      });
  };
  basic('credentials.jobs.writer', jobsWriter, 'main');
  basic('credentials.jobs.writer', jobsWriter, 'serviceapp');
  basic('credentials.jobs.readOnly', jobsReadOnly, 'main');
  contacts.forEach((c, i) => {
    out.push({
      role: `credentials.servicedesk.contacts[${i}]`,
      user: userOf(c),
      request: { op: 'JobsView_List', query: { $top: 1 }, as: { basic: c } },
      refusedBy: [401],
    });
  });
  for (const role of Object.keys(nextgen) as NextGenRole[]) {
    const login = nextgen[role];
    if (!login) continue;
    out.push({
      role: `credentials.nextgen.${role}`,
      user: login.username,
      request: { op: 'Tokens_Create', as: 'anonymous', json: login },
      refusedBy: [401, 403],
    });
  }
  return out;
}

/** Sends one probe per configured login and host; throws CredentialsError on the first refusal. */
export async function checkCredentials(
  session: Session,
  config: SuiteConfig,
  record: (x: Exchange) => void,
): Promise<void> {
  for (const probe of probes(config)) {
    const nextgenRole =
      probe.request.op === 'Tokens_Create' ? (probe.role.split('.')[2] as NextGenRole) : undefined;
    const x = nextgenRole
      ? await session.login(nextgenRole, record)
      : await session.exchange(probe.request, record);
    if (isConnectionRefusal(x.error)) throw new ConnectionError(new URL(x.request.url).origin, x.error ?? '');
    const status = x.response?.status;
    if (status !== undefined && probe.refusedBy.includes(status)) {
      const url = new URL(x.request.url);
      throw new CredentialsError(
        `credentials for ${probe.role} (user "${probe.user}") refused by ${url.origin}: ${x.request.method} ${url.pathname} answered ${status}`,
      );
    }
  }
}
