import { type FieldReader, type FieldValue, readerFor } from './field-values.ts';
import { type FieldSource, fold, type Getter } from './filter-values.ts';
import type { FieldType } from './types.ts';

type Column = { read: FieldReader; values: FieldValue[] };

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

  #column(id: string, read: FieldReader): FieldValue[] {
    let column = this.#columns.get(id);
    if (!column) {
      column = { read, values: this.#records.map(read) };
      this.#columns.set(id, column);
    }
    return column.values;
  }

  read(field: string, type: FieldType): Getter {
    const values = this.#column(`${field}:${type}`, readerFor(field, type));
    return (at) => values[at as number] ?? null;
  }

  readFolded(field: string): Getter {
    const read = readerFor(field, 'string');
    const values = this.#column(`${field}:folded`, (r) => fold(read(r)));
    return (at) => values[at as number] ?? null;
  }
}
