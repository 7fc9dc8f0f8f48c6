// Holds an LRS against real xAPI client libraries from npm (versions pinned in package.json).
//
//   node interop.mjs <endpoint> <key> <secret>
//   LRS_ENDPOINT=http://127.0.0.1:8080/xapi/ LRS_KEY=... LRS_SECRET=... node interop.mjs
//
// Prints one PASS/FAIL line per step and exits 1 if any step failed.
import { runTinCan } from './tincanjs-steps.mjs';
import { runXapiJs } from './xapijs-steps.mjs';
import { Report } from './report.mjs';
import { runId } from './fixtures.mjs';

const [endpointArg, keyArg, secretArg] = process.argv.slice(2);
const endpoint = endpointArg ?? process.env.LRS_ENDPOINT;
const key = keyArg ?? process.env.LRS_KEY;
const secret = secretArg ?? process.env.LRS_SECRET;
if (!endpoint || !key || !secret) {
  console.error('usage: node interop.mjs <endpoint> <key> <secret>  (or LRS_ENDPOINT, LRS_KEY, LRS_SECRET)');
  process.exit(2);
}

const lrs = { endpoint: endpoint.endsWith('/') ? endpoint : `${endpoint}/`, key, secret };
const report = new Report();
const started = Date.now();
console.log(`client interop against ${lrs.endpoint} (run ${runId})`);

await runTinCan(report, lrs);
await runXapiJs(report, lrs, '1.0.3', 'fetch');
await runXapiJs(report, lrs, '2.0.0', 'fetch');
await runXapiJs(report, lrs, '1.0.3', 'axios');

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\nclient interop: ${report.passed} passed, ${report.failed} failed (${seconds} s)`);
process.exitCode = report.failed === 0 ? 0 : 1;
