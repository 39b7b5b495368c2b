// How the mock grows with its data: start-up time, memory and JobsView $filter latency at each size.
import type { ScaleRow } from './bench-result.ts';
import { basic, CONTACT, viewQueryPath } from './fixtures.ts';
import { runLoad } from './load.ts';
import { statusKb, toMb } from './peak-memory.ts';
import { startMockServer } from './servers.ts';

type ScaleSettings = { sizes: number[]; durationSec: number; connections: number; seed: number };

export async function measureScale(
  settings: ScaleSettings,
  log: (line: string) => void,
): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const jobs of settings.sizes) {
    log(`scale: starting wo-mock with ${jobs} jobs`);
    let mock: Awaited<ReturnType<typeof startMockServer>> | undefined;
    try {
      mock = await startMockServer(jobs, settings.seed);
      const row: ScaleRow = {
        jobs,
        startMs: Math.round(mock.startMs),
        ...(mock.readyMs !== undefined ? { readyMs: mock.readyMs } : {}),
      };
      const rss = toMb(statusKb(mock.pid, 'VmRSS'));
      if (rss !== undefined) row.rssAfterStartMb = rss;
      const headers = { authorization: basic(CONTACT), accept: 'application/json' };
      // The first read builds the view of all jobs; a client pays that once, so not in the figures.
      const first = await fetch(`${mock.url}${viewQueryPath()}`, { headers });
      await first.text();
      if (!first.ok) throw new Error(`JobsView $filter answered ${first.status}`);
      log(`scale: JobsView $filter with ${jobs} jobs for ${settings.durationSec} s`);
      row.filter = await runLoad({
        url: mock.url,
        connections: settings.connections,
        durationSec: settings.durationSec,
        requests: [{ method: 'GET', path: viewQueryPath(), headers }],
      });
      const peak = toMb(statusKb(mock.pid, 'VmHWM'));
      if (peak !== undefined) row.peakMb = peak;
      rows.push(row);
    } catch (e) {
      rows.push({ jobs, error: (e as Error).message.split('\n')[0] ?? String(e) });
    } finally {
      await mock?.stop();
    }
  }
  return rows;
}
