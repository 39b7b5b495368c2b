import { expect, it } from 'vitest';
import { generateDataSet } from '../../generators/fixtures/generate.ts';
import { dataSetJson } from './snapshot.ts';

it('writes a data set as the same JSON as JSON.stringify, in pieces far smaller than the whole', () => {
  const data = generateDataSet({ seed: 3, jobs: 1200 });
  const pieces = [...dataSetJson(data)];
  const text = pieces.join('');
  expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(data)));
  const largest = Math.max(...pieces.map((p) => p.length));
  expect(largest).toBeLessThan(text.length / 2);
  expect(pieces.length).toBeGreaterThan(10);
});
