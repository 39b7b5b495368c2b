// A small run result with one failure, for the tests of the reports.

import type { RunResult } from '../runner/result.ts';
import { cannedExchange } from '../support/canned-exchange.ts';

export function sampleResult(): RunResult {
  const exchange = cannedExchange('Jobs_Put', 200, { id: 'x', name: 'y' });
  exchange.request = {
    method: 'PUT',
    url: 'http://127.0.0.1:4010/api/Jobs(x)',
    headers: { authorization: 'Basic YWRtaW46ZGVtb0BkZW1v' },
    body: '{"name":"<long>"}',
  };
  const base = { family: 'jobs' as const, exchanges: [], unrestored: [], durationMs: 3, failures: [] };
  return {
    suite: { name: 'work-order-contracts', version: '0.1.0' },
    systemUnderTest: {
      baseUrls: {
        main: 'http://127.0.0.1:4010',
        servicedesk: 'http://127.0.0.1:4010',
        serviceapp: 'http://127.0.0.1:4010',
        nextgen: 'http://127.0.0.1:4010',
      },
      server: 'wo-mock',
    },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1234,
    notes: [],
    coverage: [
      {
        operationId: 'Jobs_Put',
        status: '400',
        contentType: 'application/json',
        covered: true,
        provokable: true,
      },
      { operationId: 'Jobs_Put', status: '400', contentType: 'text/xml', covered: false, provokable: true },
      {
        operationId: 'Jobs_Put',
        status: '500',
        contentType: 'application/json',
        covered: false,
        provokable: false,
        reason: 'a server failure (500): no request should cause it',
      },
    ],
    cases: [
      {
        ...base,
        id: 'Jobs_Get.success',
        title: 'Jobs_Get answers a valid request',
        operationId: 'Jobs_Get',
        rules: ['OAS-STATUS'],
        outcome: 'passed',
      },
      {
        ...base,
        id: 'Jobs_Put.negative.maxLength.name',
        title: 'Jobs_Put refuses name of 256 characters (max 255)',
        operationId: 'Jobs_Put',
        rules: ['JOB-MAX-LENGTH'],
        outcome: 'failed',
        exchanges: [exchange],
        unrestored: ['part usage p1 (there is no DELETE)'],
        failures: [
          {
            check: 'expected-status',
            rule: 'JOB-MAX-LENGTH',
            message: 'Jobs_Put accepted it. Received: 200 / Documented: 400',
            exchange,
          },
        ],
      },
      {
        ...base,
        id: 'WorkOrderTypes_Patch.structure-same',
        title: 'same structure',
        family: 'nextgen',
        operationId: 'WorkOrderTypes_Patch',
        rules: ['WOT-STRUCTURE-SAME'],
        outcome: 'skipped',
        reason: 'no type has a structure',
      },
    ],
  };
}
