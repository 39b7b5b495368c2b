import { describe, expect, it } from 'vitest';
import { requestTarget, resolveLink, sameEndpoint, sentUrl } from './link.ts';

const PAGE = 'http://127.0.0.1:4010/api/JobsView?$top=30';

describe('resolveLink', () => {
  it('keeps an absolute link as written, query bytes and all', () => {
    const link = "http://127.0.0.1:4010/api/JobsView?%24filter=name%20eq%20'a+b'&$skip=20&x=%7e";
    expect(resolveLink(link, PAGE)).toBe(link);
  });

  it('resolves relative links against the page without touching their query', () => {
    expect(resolveLink('JobsView?$skip=20&a=%7E', PAGE)).toBe(
      'http://127.0.0.1:4010/api/JobsView?$skip=20&a=%7E',
    );
    expect(resolveLink('/api/JobsView?$skip=20', PAGE)).toBe('http://127.0.0.1:4010/api/JobsView?$skip=20');
    expect(resolveLink('?$skip=20', PAGE)).toBe('http://127.0.0.1:4010/api/JobsView?$skip=20');
    expect(resolveLink('../api/JobsView?q', PAGE)).toBe('http://127.0.0.1:4010/api/JobsView?q');
    expect(resolveLink('//other.example/api/JobsView?q', PAGE)).toBe('http://other.example/api/JobsView?q');
  });
});

describe('requestTarget and sentUrl', () => {
  it('sends path and query as written, without the fragment', () => {
    expect(requestTarget("http://h/api/JobsView?$filter=a%20eq%20'x+y'&%24top=1#f")).toBe(
      "/api/JobsView?$filter=a%20eq%20'x+y'&%24top=1",
    );
    expect(requestTarget('http://h?x=1')).toBe('/?x=1');
  });

  it('percent-encodes only what cannot travel in a request line: spaces, controls, non-ASCII as UTF-8', () => {
    expect(sentUrl("http://h/api/JobsView?$filter=name eq 'Düse'")).toBe(
      "http://h/api/JobsView?$filter=name%20eq%20'D%C3%BCse'",
    );
  });
});

describe('sameEndpoint', () => {
  it('holds only for the same origin and path, whatever the query', () => {
    expect(sameEndpoint('http://127.0.0.1:4010/api/JobsView?$skip=1', PAGE)).toBe(true);
    expect(sameEndpoint('http://127.0.0.1:4011/api/JobsView', PAGE)).toBe(false);
    expect(sameEndpoint('https://127.0.0.1:4010/api/JobsView', PAGE)).toBe(false);
    expect(sameEndpoint('http://127.0.0.1:4010/api/Jobs', PAGE)).toBe(false);
    expect(sameEndpoint('not a url', PAGE)).toBe(false);
  });
});
