#!/usr/bin/env node
// KPI Pacer benchmark: what the extension costs a CRM page, how fast counts appear, how it scales
// to two years of data, and how big it is. Prints one table and writes bench/results/latest.json.
//
//   npm run bench                      build, then the full run (about 10 minutes on 2 cores)
//   node bench/run.mjs --quick         fewer repetitions, for a smoke check
//   node bench/run.mjs --only=size,latency
//   KPI_EXTENSION_DIR=.output-x/chrome-mv3 node bench/run.mjs
//
// Repetitions are configurable: --rounds=N (page overhead), --duration=MS, --creates=N and
// --latency-tabs=N (latency: creates per CRM tab, tabs),
// --scale-rounds=N, --sizes=1000,10000,50000.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem, platform, release } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { measureLatency } from './lib/latency.mjs';
import { measureOverhead } from './lib/overhead.mjs';
import { measureScale } from './lib/scale.mjs';
import { measureSizes } from './lib/size.mjs';
import { renderTable } from './lib/table.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const quick = args.quick === 'true';
const num = (name, full, fast) => Number(args[name] ?? (quick ? fast : full));

const config = {
  extensionDir: resolve(process.env.KPI_EXTENSION_DIR ?? '.output/chrome-mv3'),
  noopDir: resolve(new URL('noop-extension', import.meta.url).pathname),
  sections: (args.only ?? 'size,overhead,latency,scale').split(','),
  overhead: {
    rounds: num('rounds', 7, 2),
    profileRounds: num('profile-rounds', 2, 1),
    settleMs: 1000,
    workload: {
      durationMs: num('duration', 10_000, 5_000),
      mutationsPerSecond: num('mutations', 1000, 1000),
      requests: num('requests', 200, 100),
      creates: num('overhead-creates', 5, 3),
    },
  },
  // 28 creates per tab: below the burst guard's 30 a minute per tab, past which records wait for
  // the rep's word (lib/background/burst.ts) and no badge moves; that wait is a feature, not latency.
  latency: { creates: num('creates', 28, 28), rounds: num('latency-tabs', 3, 1), spacingMs: num('spacing', 100, 100), mutationsPerSecond: 1000, settleMs: 1000 },
  scale: {
    sizes: (args.sizes ?? '1000,10000,50000').split(',').map(Number),
    rounds: num('scale-rounds', 3, 1),
    opensPerRound: num('opens', 3, 2),
    writesPerRound: num('writes', 10, 5),
  },
};

const log = (line) => process.stderr.write(`${line}\n`);

async function main() {
  if (!existsSync(resolve(config.extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${config.extensionDir}: run "npm run build" or set KPI_EXTENSION_DIR.`);
  }
  const started = Date.now();
  const results = { startedAt: new Date(started).toISOString(), machine: await machine(), config };

  if (config.sections.includes('size')) results.size = await measureSizes(config.extensionDir);
  if (config.sections.includes('overhead')) {
    results.overhead = await measureOverhead({
      variants: [
        { name: 'none' },
        { name: 'noop', extensionDir: config.noopDir },
        { name: 'kpi', extensionDir: config.extensionDir },
      ],
      ...config.overhead,
      log,
    });
  }
  if (config.sections.includes('latency')) results.latency = await measureLatency({ extensionDir: config.extensionDir, ...config.latency, log });
  if (config.sections.includes('scale')) results.scale = await measureScale({ extensionDir: config.extensionDir, ...config.scale, log });
  results.elapsedSeconds = Math.round((Date.now() - started) / 1000);

  const { text, verdicts } = renderTable(results);
  results.verdicts = verdicts;
  const outDir = new URL('results/', import.meta.url);
  await mkdir(outDir, { recursive: true });
  await writeFile(new URL('latest.json', outDir), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${text}\n`);
  log(`Written bench/results/latest.json in ${results.elapsedSeconds} s.`);
}

async function machine() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  const version = browser.version();
  await browser.close();
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium: version,
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
