import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { ADAPTERS } from '@/lib/crm/adapters';
import { FIXTURES } from '@/tests/fixtures';

/**
 * Adding a CRM touches several places that nothing else ties together: the adapter file, the
 * registry, a fixture CRM with its flows, and the evidence tables a rep reads. These checks fail
 * when one of them is forgotten. (That every rule fires in a fixture flow is checked by
 * tests/e2e/detection.e2e.ts, which drives the flows in the built extension.)
 */

const ROOT = resolve(__dirname, '../../..');

/** Files in lib/crm/adapters/ that are not an adapter, and why. */
const NOT_ADAPTERS: Record<string, string> = {
  'define.ts': 'the helper every adapter is written with',
  'index.ts': 'the registry itself',
};

const adapterModules = import.meta.glob<Record<string, unknown>>('../../../lib/crm/adapters/*.ts', { eager: true });

function isAdapter(value: unknown): value is AdapterInput {
  return typeof value === 'object' && value !== null && 'id' in value && 'hosts' in value && 'kinds' in value;
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

type Evidence = 'observed' | 'documented' | 'assumed';

/** How many of an adapter's rules are observed / documented / assumed, as the tables write it. */
function evidenceCounts(adapter: AdapterInput): string {
  const rules = [...(adapter.routes ?? []), ...(adapter.network ?? []), ...(adapter.dom ?? [])];
  const count = (level: Evidence) => rules.filter((r) => (r as { evidence?: Evidence }).evidence === level).length;
  return `${count('observed')} / ${count('documented')} / ${count('assumed')}`;
}

/** Rows of the markdown table whose header has `column`, as arrays of trimmed cells. */
function tableRows(markdown: string, column: string): string[][] {
  const lines = markdown.split('\n');
  const header = lines.findIndex((line) => line.startsWith('|') && line.includes(column));
  expect(header, `a table with the column "${column}"`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

const EVIDENCE_COLUMN = 'Rules observed / documented / assumed';
const EVIDENCE_TABLES = ['README.md', 'docs/crm-evidence.md'];

describe('every shipped adapter is wired in everywhere', () => {
  const files = Object.keys(adapterModules).map(fileName);

  it('lib/crm/adapters/ holds no stale entry in the list of non-adapter files', () => {
    for (const name of Object.keys(NOT_ADAPTERS)) expect(files).toContain(name);
  });

  it.each(files.filter((name) => !(name in NOT_ADAPTERS)))('lib/crm/adapters/%s exports an adapter registered in ADAPTERS', (name) => {
    const module = Object.entries(adapterModules).find(([path]) => fileName(path) === name)![1];
    const exported = Object.values(module).filter(isAdapter);
    expect(exported.length, `${name} exports an adapter`).toBeGreaterThan(0);
    for (const adapter of exported) {
      expect(ADAPTERS, `${adapter.id} from ${name} is in ADAPTERS (lib/crm/adapters/index.ts)`).toContain(adapter);
      expect(name, 'the file is named after the adapter id').toBe(`${adapter.id}.ts`);
    }
  });

  it.each(ADAPTERS.map((a) => [a.id, a] as const))('%s has a fixture CRM under tests/fixtures/ registered in FIXTURES', (id) => {
    expect(existsSync(resolve(ROOT, 'tests/fixtures', id, 'flows.ts')), `tests/fixtures/${id}/flows.ts`).toBe(true);
    const fixture = FIXTURES.find((f) => f.fixtureSet.name === id);
    expect(fixture, `tests/fixtures/index.ts lists the ${id} fixture`).toBeDefined();
    expect(fixture!.flows.length).toBeGreaterThan(0);
  });

  it('every registered fixture stands for a shipped adapter', () => {
    expect(FIXTURES.map((f) => f.fixtureSet.name).sort()).toEqual(ADAPTERS.map((a) => a.id).sort());
  });

  describe.each(EVIDENCE_TABLES)('%s', (file) => {
    const rows = tableRows(readFileSync(resolve(ROOT, file), 'utf8'), EVIDENCE_COLUMN);

    it.each(ADAPTERS.map((a) => [a.name, a] as const))('has a row for %s whose rule counts match the adapter', (name, adapter) => {
      // A CRM may have several rows (one per version); the first one carries the counts.
      const row = rows.find((cells) => cells[0] === name || cells[0]!.startsWith(`${name} `));
      expect(row, `a row starting with "${name}"`).toBeDefined();
      const counts = row!.find((cell) => /^\d+ \/ \d+ \/ \d+$/.test(cell));
      expect(counts, `${EVIDENCE_COLUMN} for ${name}`).toBe(evidenceCounts(adapter));
    });

    it('names no CRM that is not shipped', () => {
      const names = ADAPTERS.map((a) => a.name);
      for (const [first] of rows) expect(names.some((name) => first === name || first!.startsWith(`${name} `)), `row "${first}"`).toBe(true);
    });
  });
});
