// The state file of the format before the journal (one JSON document of every session), read
// when a --state-file of that format is given: file-journal.ts imports its sessions.
import { readFileSync } from 'node:fs';
import type { DataSet } from '../../generators/fixtures/data-set.ts';
import { validateDataSet } from '../../generators/fixtures/generate.ts';
import { Sessions } from './sessions.ts';

export const STATE_FILE_FORMAT = 'work-order-contracts/state@1';
type SavedState = {
  format: typeof STATE_FILE_FORMAT;
  savedAt: string;
  seed: number;
  sessions: Record<string, DataSet>;
};

type LoadResult = { ok: true; state: SavedState } | { ok: false; missing: boolean; error: string };

/** Reads and checks a state file; says exactly what is wrong with a corrupt or incompatible one. */
export function loadStateFile(path: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      ok: false,
      missing,
      error: missing ? `${path} does not exist` : `cannot read ${path}: ${(e as Error).message}`,
    };
  }
  let parsed: SavedState;
  try {
    parsed = JSON.parse(text) as SavedState;
  } catch (e) {
    return {
      ok: false,
      missing: false,
      error: `${path} is not valid JSON (${(e as Error).message}); it may have been cut off`,
    };
  }
  if (parsed?.format !== STATE_FILE_FORMAT) {
    return {
      ok: false,
      missing: false,
      error: `${path} has format '${String(parsed?.format)}', this mock reads '${STATE_FILE_FORMAT}'`,
    };
  }
  const bad = (error: string): LoadResult => ({ ok: false, missing: false, error: `${path}: ${error}` });
  if (typeof parsed.seed !== 'number') return bad('seed is missing or not a number');
  if (parsed.sessions === null || typeof parsed.sessions !== 'object' || Array.isArray(parsed.sessions))
    return bad('sessions is missing or not an object of session name to data');
  for (const [name, data] of Object.entries(parsed.sessions)) {
    if (!Sessions.isValidName(name)) return bad(`'${name.slice(0, 80)}' is not a valid session name`);
    const d = data as Partial<DataSet> | null;
    if (d === null || typeof d !== 'object' || typeof d.jobs !== 'object' || typeof d.nextgen !== 'object')
      return bad(`session '${name}' is not an exported state (needs seed, jobs, nextgen)`);
    let problems: string[];
    try {
      problems = validateDataSet(data);
    } catch (e) {
      // A table of the wrong shape (e.g. an object where a list belongs) breaks the checker itself.
      return bad(`session '${name}' has tables of the wrong shape (${(e as Error).message})`);
    }
    if (problems.length > 0) {
      return {
        ok: false,
        missing: false,
        error: `${path}: session '${name}' is inconsistent: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ''}`,
      };
    }
  }
  return { ok: true, state: parsed };
}
