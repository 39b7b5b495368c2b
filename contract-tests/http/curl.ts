// A copy-pasteable curl command that sends the same request again.
import type { RecordedRequest } from './exchange.ts';

const SKIPPED = new Set(['content-length', 'host', 'connection']);

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function curlCommand(request: RecordedRequest, options: { redact?: boolean } = {}): string {
  // -g: curl would read [] and {} in the URL as its own globbing and not send them as they are.
  const globoff = /[[\]{}]/.test(request.url) ? ['-g'] : [];
  const parts = ['curl', '-i', ...globoff, '-X', request.method, quote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) {
    if (SKIPPED.has(name.toLowerCase())) continue;
    const secret = name.toLowerCase() === 'authorization' && options.redact;
    parts.push('-H', quote(`${name}: ${secret ? `${value.split(' ')[0]} <redacted>` : value}`));
  }
  if (request.body !== undefined) parts.push('--data-raw', quote(request.body));
  return parts.join(' ');
}
