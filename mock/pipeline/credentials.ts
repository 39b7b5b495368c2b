// The data a caller's credentials are checked against before the caller is authenticated: the
// session's own when it is in memory, else the seed's. Nothing here makes a session or counts as
// a use of one (issue 11: anonymous requests must not create or keep sessions).
import type { DataSet } from '../../generators/fixtures/data-set.ts';
import { MockState } from '../state/mock-state.ts';
import type { Sessions } from '../state/sessions.ts';

// One read-only state of the seed, rebuilt when the admin API re-seeds.
let seedState: { data: DataSet; state: MockState } | undefined;

export function credentialsState(sessions: Sessions, name: string): MockState {
  const own = sessions.peek(name);
  if (own) return own;
  const data = sessions.seedData;
  if (seedState?.data !== data) seedState = { data, state: new MockState(data) };
  return seedState.state;
}
