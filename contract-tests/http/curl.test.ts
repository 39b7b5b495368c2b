import { expect, it } from 'vitest';
import { curlCommand } from './curl.ts';

const request = {
  method: 'PUT',
  url: 'http://127.0.0.1:4010/api/Jobs(1)',
  headers: {
    authorization: 'Basic YWRtaW46ZGVtb0BkZW1v',
    'content-type': 'application/json',
    'content-length': '9',
  },
  body: `{"n":"it's"}`,
};

it('writes the method, url, headers and body of the request', () => {
  expect(curlCommand(request)).toBe(
    `curl -i -X PUT 'http://127.0.0.1:4010/api/Jobs(1)' -H 'authorization: Basic YWRtaW46ZGVtb0BkZW1v' -H 'content-type: application/json' --data-raw '{"n":"it'\\''s"}'`,
  );
});

it('hides the credentials when asked to redact', () => {
  expect(curlCommand(request, { redact: true })).toContain(`-H 'authorization: Basic <redacted>'`);
});
