// The helpers the clients share: session names the mock accepts, the header, Basic's base64 of UTF-8.
import { expect, it } from 'vitest';
import { Sessions } from '../mock/state/sessions.ts';
import { base64, newSessionName, SESSION_HEADER, sessionHeaders } from './session.ts';

it('makes session names that differ and that the mock accepts', () => {
  const names = Array.from({ length: 50 }, () => newSessionName('checkout'));
  expect(new Set(names).size).toBe(50);
  for (const n of names) {
    expect(n).toMatch(/^checkout-[0-9a-f]{8}$/);
    expect(Sessions.isValidName(n)).toBe(true);
  }
  expect(sessionHeaders('a')).toEqual({ [SESSION_HEADER]: 'a' });
});

it('encodes UTF-8 as HTTP Basic needs it, where btoa alone would refuse', () => {
  expect(base64('admin:demo@demo')).toBe(Buffer.from('admin:demo@demo').toString('base64'));
  expect(base64('jürgen:pässwörd@dömain')).toBe(Buffer.from('jürgen:pässwörd@dömain').toString('base64'));
  expect(() => btoa('€')).toThrow();
  expect(base64('€')).toBe(Buffer.from('€').toString('base64'));
});
