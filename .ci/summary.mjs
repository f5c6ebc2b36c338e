// Totals the vitest JSON reports of every suite (unit, e2e in Chromium, Firefox) into the closing "N passed, N failed" line.
// A suite that was expected but wrote no report (its build failed, it crashed) counts as one failure.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir = 'test-results', firefoxStatus = '0'] = process.argv.slice(2);
const suites = ['unit', 'e2e', 'firefox'];
let passed = 0;
let failed = 0;
for (const suite of suites) {
  const file = join(dir, `${suite}.json`);
  if (!existsSync(file)) {
    console.log(`${suite}: no report (the suite did not run to the end)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const suiteFailed = report.numFailedTests + (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? 1 : 0);
  console.log(`${suite}: ${report.numPassedTests} passed, ${suiteFailed} failed, ${report.numPendingTests} skipped`);
  passed += report.numPassedTests;
  failed += suiteFailed;
}
if (firefoxStatus !== '0') {
  console.log('build:firefox failed');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
