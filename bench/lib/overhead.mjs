import { launch } from './browser.mjs';
import { RECORD_URL, serveHeavyCrm } from './crm-server.mjs';
import { median, ratio } from './stats.mjs';

/**
 * Page overhead: the same heavy CRM workload with no extension, a no-op extension and KPI Pacer,
 * interleaved (A, B, C, A, B, C, …), each run in a fresh browser. Main-thread time and heap come
 * from CDP Performance.getMetrics deltas over the workload; long tasks from the page's own observer.
 */
export async function measureOverhead({ variants, rounds, profileRounds = 0, workload, settleMs, log }) {
  const runs = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const variant of variants) {
      const run = await oneRun(variant, workload, settleMs);
      runs[variant.name].push(run);
      log(`overhead round ${round + 1}/${rounds} ${variant.name}: task ${run.taskMs.toFixed(0)} ms, script ${run.scriptMs.toFixed(0)} ms, heap +${(run.heapAddedBytes / 1024).toFixed(0)} KB, long tasks ${run.longTasks}`);
    }
  }
  // Separate profiled runs of KPI Pacer: the sampling profiler slows the page, so they never
  // enter the timed comparison above.
  const profiled = [];
  const kpi = variants.find((v) => v.name === 'kpi');
  for (let i = 0; kpi && i < profileRounds; i += 1) {
    const run = await oneRun(kpi, workload, settleMs, { profile: true });
    profiled.push(run);
    log(`overhead profiled run ${i + 1}/${profileRounds}: extension self ${run.extensionSelfMs.toFixed(1)} ms, inclusive ${run.extensionInclusiveMs.toFixed(1)} ms of task ${run.taskMs.toFixed(0)} ms`);
  }
  const summary = {};
  for (const variant of variants) {
    const list = runs[variant.name];
    summary[variant.name] = {
      taskMs: median(list.map((r) => r.taskMs)),
      threadMs: median(list.map((r) => r.threadMs)),
      scriptMs: median(list.map((r) => r.scriptMs)),
      heapAddedBytes: median(list.map((r) => r.heapAddedBytes)),
      longTasks: median(list.map((r) => r.longTasks)),
      longTaskMs: median(list.map((r) => r.longTaskMs)),
      domNodes: median(list.map((r) => r.domNodes)),
      mutations: median(list.map((r) => r.mutations)),
      requests: median(list.map((r) => r.requests)),
      creates: median(list.map((r) => r.creates)),
    };
  }
  // Per-round ratios as well: the spread says how far the median ratio can be trusted.
  const pairRatios = (a, b, key) => (runs[a] ?? []).map((r, i) => ratio(r[key], runs[b][i]?.[key]));
  return {
    rounds,
    workload,
    summary,
    runs,
    profiled: {
      runs: profiled,
      extensionSelfMs: median(profiled.map((r) => r.extensionSelfMs)),
      extensionInclusiveMs: median(profiled.map((r) => r.extensionInclusiveMs)),
    },
    ratios: {
      kpiOverNoopTask: ratio(summary.kpi?.taskMs, summary.noop?.taskMs),
      kpiOverNoopScript: ratio(summary.kpi?.scriptMs, summary.noop?.scriptMs),
      noopOverNoneTask: ratio(summary.noop?.taskMs, summary.none?.taskMs),
      perRoundKpiOverNoopTask: pairRatios('kpi', 'noop', 'taskMs'),
    },
  };
}

async function oneRun(variant, workload, settleMs, { profile = false } = {}) {
  const browser = await launch({ extensionDir: variant.extensionDir });
  try {
    await serveHeavyCrm(browser.context);
    const page = await browser.context.newPage();
    await page.goto(RECORD_URL);
    await page.waitForFunction(() => window.__bench?.ready === true);
    // Let the content scripts finish starting up: the budget is about steady work on a busy page.
    await page.waitForTimeout(settleMs);
    const cdp = await browser.context.newCDPSession(page);
    // Thread ticks: durations in main-thread CPU time, so another process busy on the same 2 cores
    // does not count as the page's work.
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await cdp.send('HeapProfiler.collectGarbage');
    const before = metricsOf(await cdp.send('Performance.getMetrics'));
    const domNodes = await page.evaluate(() => window.__bench.nodeCount());
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const result = await page.evaluate((w) => window.__bench.runWorkload(w), workload);
    const afterWork = metricsOf(await cdp.send('Performance.getMetrics'));
    const extensionTime = profile ? extensionTimeIn((await cdp.send('Profiler.stop')).profile) : undefined;
    await cdp.send('HeapProfiler.collectGarbage');
    const afterGc = metricsOf(await cdp.send('Performance.getMetrics'));
    return {
      taskMs: (afterWork.TaskDuration - before.TaskDuration) * 1000,
      threadMs: (afterWork.ThreadTime - before.ThreadTime) * 1000,
      layouts: afterWork.LayoutCount - before.LayoutCount,
      styleRecalcs: afterWork.RecalcStyleCount - before.RecalcStyleCount,
      layoutMs: (afterWork.LayoutDuration - before.LayoutDuration) * 1000,
      styleMs: (afterWork.RecalcStyleDuration - before.RecalcStyleDuration) * 1000,
      scriptMs: (afterWork.ScriptDuration - before.ScriptDuration) * 1000,
      heapAddedBytes: afterGc.JSHeapUsedSize - before.JSHeapUsedSize,
      longTasks: result.longTasks.count,
      longTaskMs: result.longTasks.totalMs,
      domNodes,
      ...(extensionTime && { extensionSelfMs: extensionTime.selfMs, extensionInclusiveMs: extensionTime.inclusiveMs }),
      mutations: result.mutations,
      requests: result.requests,
      creates: result.creates,
    };
  } finally {
    await browser.close();
  }
}

/**
 * Main-thread time spent in the extension's own scripts, from a sampling profile: self time of
 * functions loaded from chrome-extension:// URLs, and inclusive time of the outermost such frames
 * (which also counts the native work they call, e.g. a wrapped fetch passing through).
 */
export function extensionTimeIn(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const isExtension = (n) => n.callFrame.url.startsWith('chrome-extension://');
  const selfHits = new Map();
  const deltas = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    // A sample's time is the delta to the next sample.
    const ms = (deltas[i + 1] ?? 0) / 1000;
    selfHits.set(id, (selfHits.get(id) ?? 0) + ms);
  });
  let selfMs = 0;
  let inclusiveMs = 0;
  for (const [id, ms] of selfHits) {
    const node = byId.get(id);
    if (isExtension(node)) selfMs += ms;
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      if (isExtension(byId.get(cur))) {
        inclusiveMs += ms;
        break;
      }
    }
  }
  return { selfMs, inclusiveMs };
}

function metricsOf({ metrics }) {
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}
