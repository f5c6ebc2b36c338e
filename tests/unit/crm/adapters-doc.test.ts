import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateAdapter, type AdapterSpec } from '@/lib/crm/adapter-schema';
import { adapterWarnings } from '@/lib/crm/adapter-warnings';
import { eventsForRecord } from '@/lib/crm/counting';
import { detectFromExchange, type Exchange } from '@/lib/crm/engine';
import { readPath } from '@/lib/crm/json-path';

/**
 * docs/adapters.md cannot rot: every block marked `json adapter` must validate, and the
 * `json exchange` blocks after it must count exactly what they say. The path table's examples run too.
 */

const DOC = readFileSync(new URL('../../../docs/adapters.md', import.meta.url), 'utf8');

interface Block {
  tag: string;
  json: unknown;
  line: number;
}

function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  const fence = /^```json ([\w-]+)\n([\s\S]*?)^```$/gm;
  for (let m = fence.exec(markdown); m; m = fence.exec(markdown)) {
    const line = markdown.slice(0, m.index).split('\n').length;
    blocks.push({ tag: m[1]!, json: JSON.parse(m[2]!), line });
  }
  return blocks;
}

interface DocExchange {
  request: { method: string; url: string; body?: unknown };
  response: { status: number; headers?: Record<string, string>; body?: unknown };
  counts: Array<Record<string, unknown> & { kpis: string[] }>;
}

const text = (body: unknown) => (body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));

function asExchange(doc: DocExchange): Exchange {
  const headers = Object.fromEntries(Object.entries(doc.response.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  return { method: doc.request.method, url: doc.request.url, status: doc.response.status, requestBody: text(doc.request.body), responseBody: text(doc.response.body), responseHeaders: headers };
}

/** Each adapter block with the exchange blocks that follow it, up to the next adapter. */
function examples(blocks: Block[]): Array<{ adapter: Block; exchanges: Block[] }> {
  const found: Array<{ adapter: Block; exchanges: Block[] }> = [];
  for (const block of blocks) {
    if (block.tag === 'adapter') found.push({ adapter: block, exchanges: [] });
    else if (block.tag === 'exchange') found.at(-1)?.exchanges.push(block);
  }
  return found;
}

const blocks = blocksOf(DOC);

describe('docs/adapters.md', () => {
  it('has the worked examples it promises: REST JSON, JSON-RPC and GraphQL, each with exchanges', () => {
    const formats = examples(blocks).flatMap(({ adapter }) => ((adapter.json as { network?: Array<{ format: string }> }).network ?? []).map((rule) => rule.format));
    expect(formats).toEqual(expect.arrayContaining(['json', 'jsonrpc', 'graphql']));
    for (const { adapter, exchanges } of examples(blocks)) expect(exchanges.length, `adapter at line ${adapter.line}`).toBeGreaterThan(2);
    expect(blocks.every((b) => ['adapter', 'exchange', 'path-examples'].includes(b.tag))).toBe(true);
  });

  for (const { adapter, exchanges } of examples(blocks)) {
    describe(`adapter at line ${adapter.line}`, () => {
      const checked = validateAdapter(adapter.json);

      it('validates and draws no Check warning', () => {
        expect(checked.ok ? [] : checked.errors).toEqual([]);
        if (checked.ok) expect(adapterWarnings(checked.adapter)).toEqual([]);
      });

      for (const block of exchanges) {
        it(`counts what the exchange at line ${block.line} says`, () => {
          const spec = (checked as { adapter: AdapterSpec }).adapter;
          const doc = block.json as DocExchange;
          const records = detectFromExchange(spec, asExchange(doc), { pageUrl: new URL('/', doc.request.url).href });
          expect(records).toHaveLength(doc.counts.length);
          doc.counts.forEach(({ kpis, ...fields }, i) => {
            expect(records[i]).toMatchObject(fields);
            expect(eventsForRecord(records[i]!, spec).map((event) => event.kpi)).toEqual(kpis);
          });
        });
      }
    });
  }

  it('path examples read what the table says', () => {
    const examplesBlock = blocks.find((b) => b.tag === 'path-examples')!.json as { body: unknown; paths: Array<{ path: string; gives: unknown[] }> };
    expect(examplesBlock.paths.length).toBeGreaterThan(5);
    for (const { path, gives } of examplesBlock.paths) expect(readPath(examplesBlock.body, path), path).toEqual(gives);
  });
});
