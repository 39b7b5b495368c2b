import { type FieldReader, type FieldValue, readerFor } from './field-values.ts';
import { type FieldSource, fold, type Getter } from './filter-values.ts';
import type { FieldType } from './types.ts';

/** Distinct values per column whose folded strings are shared; past it each row folds its own. */
const MAX_SHARED = 10_000;

type Column = { read: FieldReader; values: FieldValue[]; get: Getter };

/**
 * Columns over a fixed array of records, for filters compiled with this as their FieldSource: the
 * compiled filter is then given a position in `records` and reads each field from one array of
 * values, already in comparable form (epoch milliseconds, lower-cased GUIDs) and, for text, also
 * lower-cased (issue 12: a scan reads no row objects and folds no string per row). A column is
 * built on first use; memory is one array per (field, type) used, whatever the number of queries.
 */
export class Columns<T extends Record<string, unknown>> implements FieldSource {
  readonly #records: readonly T[];
  readonly #columns = new Map<string, Column>();

  constructor(records: readonly T[]) {
    this.#records = records;
  }

  /** The record at `position` was replaced: its values are read again in every column built. */
  changed(position: number): void {
    const record = this.#records[position];
    if (!record) return;
    for (const { read, values } of this.#columns.values()) values[position] = read(record);
  }

  /** The column `id`, built with the reader `make` gives when it is first asked for. */
  #column(id: string, make: () => FieldReader): Getter {
    let column = this.#columns.get(id);
    if (!column) {
      const read = make();
      const values = this.#records.map(read);
      column = { read, values, get: (at) => values[at as number] ?? null };
      this.#columns.set(id, column);
    }
    return column.get;
  }

  read(field: string, type: FieldType): Getter {
    return this.#column(`${field}:${type}`, () => readerFor(field, type));
  }

  readFolded(field: string): Getter {
    return this.#column(`${field}:folded`, () => foldedReader(field));
  }
}

function foldedReader(field: string): FieldReader {
  const read = readerFor(field, 'string');
  // Many rows share a value (a company, a status): they share its folded string too.
  const folded = new Map<FieldValue, FieldValue>();
  return (r) => {
    const v = read(r);
    let f = folded.get(v);
    if (f === undefined) {
      f = fold(v);
      if (folded.size < MAX_SHARED) folded.set(v, f);
    }
    return f;
  };
}
