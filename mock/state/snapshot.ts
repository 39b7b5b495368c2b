// A data set written as JSON piece by piece (issue 12): exports and snapshots never build one
// string of the whole state (V8 refuses strings above about 512 MB: `Invalid string length`).
import type { DataSet } from '../../generators/fixtures/data-set.ts';

/** Rows per piece: big enough to keep the pieces few, small enough to stay far from any limit. */
const ROWS_PER_PIECE = 500;

function* array(rows: readonly unknown[]): Generator<string> {
  yield '[';
  for (let i = 0; i < rows.length; i += ROWS_PER_PIECE) {
    const part = rows.slice(i, i + ROWS_PER_PIECE).map((r) => JSON.stringify(r));
    yield (i > 0 ? ',' : '') + part.join(',');
  }
  yield ']';
}

function* family(tables: object): Generator<string> {
  yield '{';
  let first = true;
  for (const [name, value] of Object.entries(tables)) {
    yield `${first ? '' : ','}${JSON.stringify(name)}:`;
    first = false;
    if (Array.isArray(value)) yield* array(value);
    else yield JSON.stringify(value);
  }
  yield '}';
}

/** The JSON text of a data set, in pieces of at most a few hundred rows. */
export function* dataSetJson(data: DataSet): Generator<string> {
  yield `{"seed":${JSON.stringify(data.seed)},"jobs":`;
  yield* family(data.jobs);
  yield ',"nextgen":';
  yield* family(data.nextgen);
  yield '}';
}
