import { execFile } from 'node:child_process';
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

interface LintMessage {
  code: string;
  message: string;
  file?: string;
}
interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
}

// The release package exactly as `npm run zip:firefox` makes it (no test hosts), checked by Mozilla's linter.
let outDir: string;
let zipPath: string;
let report: LintReport;
let manifest: Record<string, any>;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'kpi-ff-zip-'));
  const env = { ...process.env, KPI_OUT_DIR: outDir, KPI_TEST_HOSTS: '' };
  await run('npm', ['run', '--silent', 'zip:firefox'], { env, maxBuffer: 16 * 1024 * 1024 });
  const zip = (await readdir(outDir)).find((f) => f.endsWith('-firefox.zip'));
  if (!zip) throw new Error(`zip:firefox made no package in ${outDir}`);
  zipPath = join(outDir, zip);
  manifest = JSON.parse(await readFile(join(outDir, 'firefox-mv3', 'manifest.json'), 'utf8'));
  // web-ext exits non-zero when it finds errors; the JSON report is on stdout either way.
  const lint = await run('npx', ['web-ext', 'lint', '--source-dir', zipPath, '--output', 'json', '--no-config-discovery'], { maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  report = JSON.parse(lint.stdout);
}, 180_000);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('the Firefox package', () => {
  it('passes web-ext lint with no errors', () => {
    expect(report.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
    // What is left are warnings about bundled library code (zod's eval probe, React's innerHTML)
    // and Firefox for Android, which KPI Pacer does not target.
    for (const warning of report.warnings) expect(warning.code).toMatch(/^(DANGEROUS_EVAL|UNSAFE_VAR_ASSIGNMENT|KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION)$/);
  });

  it('is Manifest V3 with a Gecko id, asks for no site at install and collects no data', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.browser_specific_settings.gecko).toEqual({
      id: 'kpi-pacer@kpi-pacer',
      strict_min_version: '140.0',
      data_collection_permissions: { required: ['none'] },
    });
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toContain('https://*.hubspot.com/*');
    // Firefox runs MV3 backgrounds as event pages, not service workers.
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    expect(manifest.web_accessible_resources).toEqual([{ resources: ['sidebar.html'], matches: ['<all_urls>'] }]);
  });
});
