import type { FieldSource } from './filter-values.ts';

export type FieldType = 'string' | 'uuid' | 'date-time' | 'integer' | 'number' | 'boolean';

/** The queryable fields of an entity set and their types. */
export type FieldTypes = Record<string, FieldType>;

export type QueryParameter = '$filter' | '$orderby' | '$select' | '$top' | '$skip' | '$count';

export type ODataError = {
  message: string;
  parameter: QueryParameter | (string & {});
  /** 0-based character offset inside the parameter value. */
  position?: number;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: ODataError };

export type Predicate = (r: Record<string, unknown>) => boolean;

/** `type` is filled in by parseOrderBy; without it values are compared by their runtime type. */
export type OrderByItem = { field: string; desc: boolean; type?: FieldType };

export type ParsedQuery = {
  filter?: Predicate;
  /** The same filter compiled to read its fields from `source` (e.g. Columns, given positions). */
  filterOn?: (source: FieldSource) => (r: unknown) => boolean;
  orderBy: OrderByItem[];
  /** Absent means every property (no $select, or `$select=*`). */
  select?: string[];
  top?: number;
  skip: number;
  count: boolean;
};

export type QueryLimits = { maxExpressionLength?: number; maxDepth?: number };
