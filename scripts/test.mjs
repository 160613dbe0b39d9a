// npm test: type check, lint, web build, then every Vitest suite (unit, integration on
// SQLite and PostgreSQL, end-to-end in Chromium). The last line is the totals.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false }).status === 0;
const bin = (name) => `node_modules/.bin/${name}`;
let passed = 0;
let failed = 0;

const typecheck = run(bin('tsc'), ['--noEmit', '-p', '.']);
typecheck ? passed++ : failed++;
console.log(typecheck ? 'typecheck: passed' : 'typecheck: FAILED');

// The tests are lint clean; src/ and web/ join when they are.
const lint = run(bin('eslint'), ['test']);
lint ? passed++ : failed++;
console.log(lint ? 'lint: passed' : 'lint: FAILED');

const build = run(bin('vite'), ['build', '--logLevel', 'warn']);
build ? passed++ : failed++;
console.log(build ? 'web build: passed' : 'web build: FAILED');

mkdirSync('.tmp', { recursive: true });
const report = '.tmp/vitest-report.json';
rmSync(report, { force: true });
const args = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const vitestOk = run(bin('vitest'), args);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // Files that failed to load count as failures too.
  failed += r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
} else {
  failed++;
}
if (!vitestOk && failed === 0) failed++;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
