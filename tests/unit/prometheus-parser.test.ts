import { describe, expect, it } from 'vitest';
import { parsePrometheus, sampleValue } from '../support/prometheus.js';

const GOOD = [
  '# HELP jobs_total Jobs done.',
  '# TYPE jobs_total counter',
  'jobs_total{kind="a",note="say \\"hi\\""} 3',
  '',
  '# TYPE wait_seconds histogram',
  'wait_seconds_bucket{le="+Inf"} 2',
  'wait_seconds_sum 0.5',
  'wait_seconds_count 2',
  '# TYPE lag gauge',
  'lag Nan',
  '',
].join('\n');

describe('the strict Prometheus text parser of the tests', () => {
  it('reads samples with their labels, escapes and special values', () => {
    const samples = parsePrometheus(GOOD);
    expect(sampleValue(samples, 'jobs_total', { kind: 'a', note: 'say "hi"' })).toBe(3);
    expect(sampleValue(samples, 'wait_seconds_bucket', { le: '+Inf' })).toBe(2);
    expect(sampleValue(samples, 'wait_seconds_count')).toBe(2);
    expect(sampleValue(samples, 'lag')).toBeNaN();
    expect(sampleValue(samples, 'jobs_total')).toBeUndefined();
  });

  it.each([
    ['a JSON body', '{"ok":true}\n'],
    ['a sample of an undeclared metric', '# TYPE a counter\nb 1\n'],
    ['an unquoted label', '# TYPE a counter\na{k=v} 1\n'],
    ['a value that is not a number', '# TYPE a counter\na one\n'],
    ['an unknown type', '# TYPE a meter\na 1\n'],
    ['a missing final newline', '# TYPE a counter\na 1'],
  ])('refuses %s', (_, text) => {
    expect(() => parsePrometheus(text)).toThrow();
  });
});
