import { describe, expect, it } from 'vitest';
import { suggestName } from './suggest.ts';

const candidates = ['name', 'status', 'estimated_time', 'created_at'];

describe('suggestName', () => {
  const cases: [string, { given: string; want: string | undefined }][] = [
    ['suggests the same name in other case', { given: 'NAME', want: 'name' }],
    ['suggests a name one letter away', { given: 'nme', want: 'name' }],
    ['suggests a name two letters away', { given: 'estimatedtme', want: 'estimated_time' }],
    ['suggests nothing when no name is close', { given: 'priority', want: undefined }],
    ['suggests nothing for a one-letter name', { given: 'x', want: undefined }],
    ['suggests nothing for very long input', { given: 'n'.repeat(10_000), want: undefined }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(suggestName(given, candidates)).toBe(want);
  });
});
