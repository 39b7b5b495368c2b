// The one error class of the mock. The pipeline's stages and the handlers throw it; the one error
// boundary (mock/pipeline/errors.ts) turns it into the error body of the route's API family.

/** One broken rule: which documented rule (x-rules id), where it comes from, which field. */
export type Violation = {
  rule?: string;
  source?: string;
  /** JSON pointer into the request body, e.g. "/name"; or a parameter name such as "$filter". */
  field?: string;
  message: string;
  /** NextGen error code (x-error-codes), where the family has codes. */
  code?: string;
};

export class ApiError extends Error {
  readonly status: number;
  readonly violations: Violation[];
  readonly headers: Record<string, string>;
  /** NextGen error code of the whole error (the first violation's, unless given). */
  readonly code: string | undefined;

  constructor(
    status: number,
    message: string,
    options: { violations?: Violation[]; headers?: Record<string, string>; code?: string } = {},
  ) {
    super(message);
    this.status = status;
    this.violations = options.violations ?? [];
    this.headers = options.headers ?? {};
    this.code = options.code ?? this.violations.find((v) => v.code)?.code;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
