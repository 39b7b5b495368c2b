// A case: one behaviour of the API, with the rule ids it checks. Cases are data (id, rules,
// operation) plus one run function; the runner gives them a context to send requests and report.
import type { Failure } from '../checks/failure.ts';
import type { SuiteConfig } from '../config/suite-config.ts';
import type { Exchange } from '../http/exchange.ts';
import type { Fixtures } from '../runner/discovery.ts';
import type { ApiRequest } from '../runner/session.ts';
import type { Family, OperationId } from '../spec/api-catalog.ts';

export type CaseContext = {
  readonly config: SuiteConfig;
  readonly fixtures: Fixtures;
  /** Sends a request; its answer goes through every conformance check. */
  send(request: ApiRequest): Promise<Exchange>;
  /** Records the failures among the results; true when there were none. */
  check(...results: (Failure | undefined)[]): boolean;
  /** Records the failure, if any, and stops the case: what follows depends on it. */
  must(result: Failure | undefined): void;
  skip(reason: string): never;
  notApplicable(reason: string): never;
  /** Registers a step that puts back what the case changed; steps run last-first after the case. */
  restore(what: string, step: () => Promise<boolean>): void;
  /** Notes a change the API gives no way to undo. */
  unrestorable(what: string): void;
};

export type Case = {
  id: string;
  /** A behaviour sentence: what the API does. */
  title: string;
  family: Family;
  /** The operation the case is about, by its generated id (generated/*.ts). */
  operationId: OperationId;
  rules: string[];
  writes: boolean;
  run: (t: CaseContext) => Promise<void>;
};
