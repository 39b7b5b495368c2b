// wo-contract: runs the contract suite against a base URL and writes JUnit XML, JSON and HTML reports.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allCases } from './cases/all-cases.ts';
import { parseCliArgs, USAGE } from './config/parse-args.ts';
import { buildConfig, ConfigError } from './config/suite-config.ts';
import { ConnectionError } from './http/client.ts';
import { htmlReport } from './report/html-report.ts';
import { jsonReport } from './report/json-report.ts';
import { junitReport } from './report/junit-report.ts';
import { finalReport, progressReporter } from './report/terminal-report.ts';
import { exitCodeOf } from './runner/result.ts';
import { runSuite } from './runner/run-suite.ts';

export async function main(argv: string[]): Promise<number> {
  try {
    const options = parseCliArgs(argv);
    if (options.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const config = buildConfig(options);
    const interactive = process.stdout.isTTY === true && process.env.CI !== 'true';
    const result = await runSuite(config, allCases(), progressReporter(process.stdout, interactive));
    const redact = { redact: config.redact };
    mkdirSync(config.reportDir, { recursive: true });
    writeFileSync(join(config.reportDir, 'junit.xml'), junitReport(result, redact));
    writeFileSync(join(config.reportDir, 'results.json'), jsonReport(result, redact));
    writeFileSync(join(config.reportDir, 'report.html'), htmlReport(result, redact));
    process.stdout.write(finalReport(result, redact));
    process.stdout.write(`reports: ${join(config.reportDir, 'report.html')}, junit.xml, results.json\n`);
    return exitCodeOf(result);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof ConnectionError) {
      process.stderr.write(`wo-contract: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

// Run when started as a program (tsx contract-tests/cli.ts, bin/wo-contract.js), not when imported by a test.
if (/(contract-tests[\\/]cli\.ts|wo-contract(\.js)?)$/.test(process.argv[1] ?? '')) {
  process.exitCode = await main(process.argv.slice(2));
}
