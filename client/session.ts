// Helpers both typed clients share: the mock's session header and HTTP Basic encoding. No `node:`
// import: the clients run in the browser too.

/** The header that gives a client its own copy of the mock's seeded data (README "Sessions"). */
export const SESSION_HEADER = 'X-Mock-Session';

/** `{ 'X-Mock-Session': name }`, to spread into a request's or a client's headers. */
export function sessionHeaders(name: string): { 'X-Mock-Session': string } {
  return { [SESSION_HEADER]: name } as { 'X-Mock-Session': string };
}

/** A session name no other test uses, e.g. `checkout-3f6c2a4e`: one per test keeps their writes apart. */
export function newSessionName(prefix = 'test'): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

/** Base64 of UTF-8 text, as HTTP Basic needs it (btoa alone refuses non-Latin-1 characters). */
export function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
