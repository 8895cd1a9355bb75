/** One sample of a Prometheus text exposition: its name, labels and value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/;
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\["\\n])*)"(?:,|$)/;
const SUFFIXES = ['_bucket', '_sum', '_count', '_total', '_created'];

/**
 * Parses Prometheus text format 0.0.4 strictly: every line is empty, a HELP, a TYPE or a sample
 * of a declared metric, labels are quoted and escaped, values are numbers; anything else throws.
 */
export function parsePrometheus(text: string): Sample[] {
  if (!text.endsWith('\n')) throw new Error('the exposition does not end with a newline');
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const [index, line] of text.slice(0, -1).split('\n').entries()) {
    const fail = (why: string) => new Error(`line ${index + 1}: ${why}: ${line}`);
    if (line === '') continue;
    if (line.startsWith('# HELP ')) {
      if (!NAME.test(line.slice(7).split(' ')[0] ?? '')) throw fail('bad metric name');
    } else if (line.startsWith('# TYPE ')) {
      const [name = '', type = '', ...rest] = line.slice(7).split(' ');
      if (!NAME.test(name) || !TYPES.has(type) || rest.length > 0) throw fail('bad TYPE');
      if (types.has(name)) throw fail('TYPE declared twice');
      types.set(name, type);
    } else {
      const match = SAMPLE.exec(line);
      if (!match) throw fail('not a sample');
      const [, name = '', labelText = '', valueText = ''] = match;
      if (!declared(name, types)) throw fail('sample of an undeclared metric');
      const value = parseValue(valueText);
      if (value === undefined) throw fail('bad value');
      samples.push({ name, labels: parseLabels(labelText, fail), value });
    }
  }
  return samples;
}

/** The value of the one sample with this name and exactly these labels, or undefined. */
export function sampleValue(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  return samples.find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === wanted)
    ?.value;
}

function declared(name: string, types: Map<string, string>): boolean {
  if (types.has(name)) return true;
  return SUFFIXES.some((suffix) => name.endsWith(suffix) && types.has(name.slice(0, -suffix.length)));
}

/** A float as Prometheus reads it (Go's ParseFloat): NaN and Inf in any case, as prom-client writes `Nan`. */
function parseValue(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (/^[-+]?inf$/.test(lower)) return lower.startsWith('-') ? -Infinity : Infinity;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : undefined;
}

function parseLabels(text: string, fail: (why: string) => Error): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const match = LABEL.exec(rest);
    if (!match) throw fail('bad labels');
    const [whole, name = '', value = ''] = match;
    if (name in labels) throw fail('label given twice');
    labels[name] = value.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
    rest = rest.slice(whole.length);
  }
  return labels;
}
