import { describe, expect, it } from 'vitest';
import { parsePath, readFirst, readPath } from '@/lib/crm/json-path';

const doc = {
  data: { result: { crmObject: { objectId: 42 } } },
  actions: [
    { id: '1;a', state: 'SUCCESS', returnValue: { id: '003A' } },
    { id: '2;a', state: 'ERROR' },
  ],
  properties: [
    { name: 'firstname', value: 'Ann' },
    { name: 'email', value: 'ann@example.com' },
  ],
  'customerid_account@odata.bind': '/accounts(1)',
  params: { args: [[], { email: 'x' }] },
};

describe('readPath', () => {
  it('reads dotted keys and indexes', () => {
    expect(readFirst(doc, 'data.result.crmObject.objectId')).toBe(42);
    expect(readFirst(doc, 'actions[1].state')).toBe('ERROR');
    expect(readFirst(doc, 'params.args[0]')).toEqual([]);
    expect(readFirst(doc, 'params.args[1].email')).toBe('x');
  });

  it('fans out with [*] and drops missing values', () => {
    expect(readPath(doc, 'actions[*].state')).toEqual(['SUCCESS', 'ERROR']);
    expect(readPath(doc, 'actions[*].returnValue.id')).toEqual(['003A']);
  });

  it('filters array elements by a field', () => {
    expect(readPath(doc, 'properties[name=email].value')).toEqual(['ann@example.com']);
    expect(readPath(doc, 'properties[name=phone].value')).toEqual([]);
  });

  it('reads quoted keys that contain dots', () => {
    expect(readFirst(doc, "['customerid_account@odata.bind']")).toBe('/accounts(1)');
  });

  it('returns nothing for missing paths, primitives and out-of-range indexes', () => {
    expect(readPath(doc, 'data.nothing.here')).toEqual([]);
    expect(readPath(doc, 'actions[9].state')).toEqual([]);
    expect(readPath('text', 'length')).toEqual([]);
    expect(readPath(undefined, 'a')).toEqual([]);
    expect(readPath(doc, '')).toEqual([doc]);
  });

  it('does not read inherited properties', () => {
    expect(readPath({}, 'constructor')).toEqual([]);
    expect(readPath({ a: {} }, 'a.__proto__')).toEqual([]);
  });
});

describe('parsePath', () => {
  it.each(['a..b', '.a', 'a.', 'a[', 'a[x y]', 'a b', 'a[1]b'])('rejects %s', (path) => {
    expect(() => parsePath(path)).toThrow();
  });

  it('parses every segment type', () => {
    expect(parsePath("a[0][*][name=email]['b.c']")).toEqual([
      { type: 'key', key: 'a' },
      { type: 'index', index: 0 },
      { type: 'all' },
      { type: 'filter', key: 'name', value: 'email' },
      { type: 'key', key: 'b.c' },
    ]);
  });
});
