import { expect, it } from 'vitest';
import { buildConfig } from '../config/suite-config.ts';
import { cannedExchange } from '../support/canned-exchange.ts';
import { REDACTED, Redactor } from './redact.ts';

const config = buildConfig({ baseUrl: 'http://x', headers: ['X-Api-Key: key-123456'] }, {});
const b64 = (s: string) => Buffer.from(s).toString('base64');

it('hides configured logins as text, as Basic base64 and in credential headers', () => {
  const r = new Redactor(config);
  expect(r.text(`Basic ${b64('admin:demo@demo')} and admin:demo@demo and key-123456`)).toBe(
    `Basic ${REDACTED} and ${REDACTED} and ${REDACTED}`,
  );
});

it('learns tokens from answers and hides them wherever they appear later', () => {
  const r = new Redactor(config);
  const login = cannedExchange('Tokens_Create', 200, { accessToken: 'tok-abcdef123', expiresIn: 3600 });
  login.request.body = JSON.stringify({ username: 'x@y', password: 'long-password-9' });
  r.learn(login);
  const later = r.value({ message: 'sent tok-abcdef123 with long-password-9', exchange: login });
  expect(JSON.stringify(later)).not.toMatch(/tok-abcdef123|long-password-9/);
  expect(later.exchange.request.headers.authorization).toBe(`Basic ${REDACTED}`);
  expect(JSON.parse(later.exchange.response?.body ?? '{}')).toEqual({
    accessToken: REDACTED,
    expiresIn: 3600,
  });
});

it('hides secret fields and Bearer credentials it never learnt, and leaves challenges readable', () => {
  const r = new Redactor(config);
  expect(r.text('{"password":"pw","refreshToken":"r"} Authorization: Bearer eyJhbGci0iJ.x9')).toBe(
    `{"password":"${REDACTED}","refreshToken":"${REDACTED}"} Authorization: Bearer ${REDACTED}`,
  );
  expect(r.text('Basic realm="jobs", charset="UTF-8"')).toBe('Basic realm="jobs", charset="UTF-8"');
});
