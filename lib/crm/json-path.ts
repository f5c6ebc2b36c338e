/**
 * A tiny reader for dotted JSON paths, enough for adapter data:
 *   a.b.c        object keys
 *   a[0]         array index
 *   a[*]         every element of an array (or every value of an object)
 *   a[name=email] elements whose `name` equals `email` (string comparison)
 *   ['odata.bind'] a key that itself contains dots or brackets
 * A path resolves to a list of values (undefined ones dropped), so wildcards fan out.
 */

export type PathSegment =
  | { type: 'key'; key: string }
  | { type: 'index'; index: number }
  | { type: 'all' }
  | { type: 'filter'; key: string; value: string };

const MAX_PATH_LENGTH = 200;
const MAX_SEGMENTS = 24;
const IDENTIFIER = /^[A-Za-z_$@][\w$@-]*$/;

/** Parses a path; throws an Error with a readable reason when the path is malformed. */
export function parsePath(path: string): PathSegment[] {
  if (path.length === 0) return [];
  if (path.length > MAX_PATH_LENGTH) throw new Error(`path longer than ${MAX_PATH_LENGTH} characters`);
  const segments: PathSegment[] = [];
  let i = 0;
  const expectDotOrBracket = () => {
    if (i < path.length && path[i] !== '.' && path[i] !== '[') {
      throw new Error(`unexpected "${path[i]}" at ${i}`);
    }
  };
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') {
      if (i === 0 || i === path.length - 1) throw new Error(`misplaced "." at ${i}`);
      i += 1;
      if (path[i] === '.' || path[i] === '[') throw new Error(`empty key at ${i}`);
      continue;
    }
    if (ch === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) throw new Error(`unclosed "[" at ${i}`);
      const inner = path.slice(i + 1, close);
      segments.push(parseBracket(inner, i));
      i = close + 1;
      expectDotOrBracket();
      continue;
    }
    let end = i;
    while (end < path.length && path[end] !== '.' && path[end] !== '[') end += 1;
    const key = path.slice(i, end);
    if (!IDENTIFIER.test(key)) throw new Error(`"${key}" is not a plain key (quote it as ['${key}'])`);
    segments.push({ type: 'key', key });
    i = end;
  }
  if (segments.length > MAX_SEGMENTS) throw new Error(`more than ${MAX_SEGMENTS} segments`);
  return segments;
}

function parseBracket(inner: string, at: number): PathSegment {
  if (inner === '*') return { type: 'all' };
  if (/^\d{1,6}$/.test(inner)) return { type: 'index', index: Number(inner) };
  const quoted = /^'([^']+)'$|^"([^"]+)"$/.exec(inner);
  if (quoted) return { type: 'key', key: (quoted[1] ?? quoted[2]) as string };
  const filter = /^([A-Za-z_$@][\w$@-]*)=([^\]]*)$/.exec(inner);
  if (filter) return { type: 'filter', key: filter[1] as string, value: filter[2] as string };
  throw new Error(`bad bracket "[${inner}]" at ${at}`);
}

const cache = new Map<string, PathSegment[]>();

function segmentsOf(path: string): PathSegment[] {
  let segments = cache.get(path);
  if (!segments) {
    segments = parsePath(path);
    if (cache.size > 500) cache.clear();
    cache.set(path, segments);
  }
  return segments;
}

/** Every value at `path` in `root`; [] when nothing is there or the path is malformed. */
export function readPath(root: unknown, path: string): unknown[] {
  let segments: PathSegment[];
  try {
    segments = segmentsOf(path);
  } catch {
    return [];
  }
  let current: unknown[] = root === undefined ? [] : [root];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const value of current) step(value, segment, next);
    current = next;
    if (current.length === 0) break;
  }
  return current.filter((value) => value !== undefined);
}

function step(value: unknown, segment: PathSegment, out: unknown[]): void {
  if (value === null || typeof value !== 'object') return;
  switch (segment.type) {
    case 'key':
      if (!Array.isArray(value) && Object.hasOwn(value, segment.key)) {
        out.push((value as Record<string, unknown>)[segment.key]);
      }
      return;
    case 'index':
      if (Array.isArray(value) && segment.index < value.length) out.push(value[segment.index]);
      return;
    case 'all':
      out.push(...(Array.isArray(value) ? value : Object.values(value)));
      return;
    case 'filter':
      if (!Array.isArray(value)) return;
      for (const element of value) {
        if (element === null || typeof element !== 'object') continue;
        const field = (element as Record<string, unknown>)[segment.key];
        if (field !== undefined && String(field) === segment.value) out.push(element);
      }
  }
}

/** The first value at `path`, or undefined. */
export function readFirst(root: unknown, path: string): unknown {
  return readPath(root, path)[0];
}
