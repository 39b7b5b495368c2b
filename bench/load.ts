// One bounded load run with autocannon (as a library), reduced to the figures the report shows.
import autocannon from 'autocannon';

type LoadSpec = {
  url: string;
  connections: number;
  durationSec: number;
  /** Cycled through by each connection; `setupRequest` may vary each request. */
  requests: autocannon.Request[];
};

export type LoadFigures = {
  /** Responses received. */
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  statusCodes: Record<string, number>;
  durationSec: number;
};

export async function runLoad(spec: LoadSpec): Promise<LoadFigures> {
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSec,
    requests: spec.requests,
    timeout: 10,
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = stat.count ?? 0;
  const responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    requests: responses,
    reqPerSec: result.duration > 0 ? Math.round(responses / result.duration) : 0,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes,
    durationSec: Math.round(result.duration * 100) / 100,
  };
}
