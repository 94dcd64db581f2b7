// @vitest-environment node
/**
 * Static checks for the packaging setup: electron-builder.yml and the release workflow.
 * Nothing is packaged here; the config is parsed and checked against electron-builder's
 * own JSON schema (node_modules/app-builder-lib/scheme.json) and against the build layout.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parse as parsePlist } from 'plist';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fromRoot = (...segments: string[]): string => nodePath.join(repoRoot, ...segments);
const readText = (rel: string): string => readFileSync(fromRoot(rel), 'utf8');
const readJson = <T>(rel: string): T => JSON.parse(readText(rel)) as T;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function asObject(value: unknown, what: string): JsonObject {
  if (!isObject(value)) throw new Error(`${what} must be a mapping, got ${JSON.stringify(value)}`);
  return value;
}

function asStringList(value: unknown, what: string): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((item): item is string => typeof item === 'string')) {
    throw new Error(`${what} must be a string or a list of strings, got ${JSON.stringify(value)}`);
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// Glob matching. Node >= 20.17 ships path.matchesGlob (minimatch semantics); keep a small
// fallback for `*`, `?`, `**` and `{a,b}` so the suite still runs on runtimes without it.
// ---------------------------------------------------------------------------------------------

function globToRegExp(glob: string): RegExp {
  let source = '';
  let braceDepth = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob.charAt(i);
    if (ch === '*') {
      if (glob.charAt(i + 1) === '*') {
        const atSegmentStart = i === 0 || glob.charAt(i - 1) === '/' || glob.charAt(i - 1) === '{' || glob.charAt(i - 1) === ',';
        i++;
        if (glob.charAt(i + 1) === '/' && atSegmentStart) {
          i++;
          source += '(?:[^/]+/)*'; // `**/` matches zero or more whole segments
        } else {
          source += '.*';
        }
      } else {
        source += '[^/]*';
      }
    } else if (ch === '?') {
      source += '[^/]';
    } else if (ch === '{') {
      braceDepth++;
      source += '(?:';
    } else if (ch === '}' && braceDepth > 0) {
      braceDepth--;
      source += ')';
    } else if (ch === ',' && braceDepth > 0) {
      source += '|';
    } else {
      source += ch.replace(/[.+^$()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

const fallbackMatchesGlob = (file: string, glob: string): boolean => globToRegExp(glob).test(file);

const matchesGlob: (file: string, glob: string) => boolean =
  typeof nodePath.matchesGlob === 'function'
    ? (file, glob) => nodePath.posix.matchesGlob(file, glob)
    : fallbackMatchesGlob;

/**
 * electron-builder's ordered pattern semantics (app-builder-lib/out/util/filter.js):
 * walk the list, inclusions are only tested while the file is not yet matched, `!` exclusions
 * only while it is matched; the last applicable pattern wins.
 */
function selectedBy(patterns: readonly string[], file: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    const negate = pattern.startsWith('!');
    if (matched !== negate) continue;
    matched = negate ? !matchesGlob(file, pattern.slice(1)) : matchesGlob(file, pattern);
  }
  return matched;
}

/** Production dependencies are filtered by the `!` patterns of `files` only, on top of an implicit match-all. */
function dependencyFileSelected(filesPatterns: readonly string[], file: string): boolean {
  return selectedBy(['**/*', ...filesPatterns.filter((p) => p.startsWith('!'))], file);
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

interface JsonSchema {
  properties: Record<string, JsonSchemaNode>;
  definitions: Record<string, JsonSchemaNode>;
}
interface JsonSchemaNode {
  $ref?: string;
  anyOf?: JsonSchemaNode[];
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: boolean | JsonSchemaNode;
}
interface PackageJson {
  name: string;
  productName?: string;
  main: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const config = asObject(parse(readText('electron-builder.yml')), 'electron-builder.yml');
const scheme = readJson<JsonSchema>('node_modules/app-builder-lib/scheme.json');
const pkg = readJson<PackageJson>('package.json');
const workflow = asObject(parse(readText('.github/workflows/release.yml')), 'release.yml');
const filesPatterns = asStringList(config.files, 'files');

/** The object definition(s) a schema property points at (following `$ref` / `anyOf`). */
function objectDefinitions(node: JsonSchemaNode | undefined): JsonSchemaNode[] {
  if (!node) return [];
  if (node.$ref) {
    const name = node.$ref.replace('#/definitions/', '');
    return objectDefinitions(scheme.definitions[name]);
  }
  if (node.anyOf) return node.anyOf.flatMap((branch) => objectDefinitions(branch));
  return node.properties ? [node] : [];
}

/** `target` entries of a platform section, normalised to { target, arch[] }. */
function platformTargets(platform: 'win' | 'mac' | 'linux'): { target: string; arch: string[] }[] {
  const section = asObject(config[platform], platform);
  const raw = Array.isArray(section.target) ? section.target : [section.target];
  return raw.map((entry) => {
    if (typeof entry === 'string') return { target: entry, arch: [] };
    const obj = asObject(entry, `${platform}.target[]`);
    return { target: String(obj.target), arch: obj.arch === undefined ? [] : asStringList(obj.arch, `${platform}.target.arch`) };
  });
}

function* walk(value: Json, trail: string): Generator<[string, Json]> {
  yield [trail, value];
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* walk(item, `${trail}[${i}]`);
  } else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) yield* walk(child, `${trail}.${key}`);
  }
}

// ---------------------------------------------------------------------------------------------

describe('glob matcher used by these tests', () => {
  const cases: [file: string, glob: string, expected: boolean][] = [
    ['dist/electron/main.cjs', 'dist/electron/**', true],
    ['dist/electronx/main.cjs', 'dist/electron/**', false],
    ['dist/preview/host.cjs', 'dist/preview{,/**}', true],
    ['node_modules/sql.js/dist/sql-wasm.wasm', '**/node_modules/sql.js/dist/sql-wasm.wasm', true],
    ['node_modules/sql.js/dist/sql-wasm.js', '**/*.wasm', false],
    ['test/packaging/a.test.ts', '{electron,test}{,/**}', true],
    ['package.json', 'package.json', true],
  ];
  it.each(cases)('%s vs %s -> %s (active matcher)', (file, glob, expected) => {
    expect(matchesGlob(file, glob)).toBe(expected);
  });
  it.each(cases)('%s vs %s -> %s (fallback matcher)', (file, glob, expected) => {
    expect(fallbackMatchesGlob(file, glob)).toBe(expected);
  });
});

describe('electron-builder.yml', () => {
  it('uses only top-level keys known to electron-builder’s schema', () => {
    const known = new Set(Object.keys(scheme.properties));
    expect(known.size).toBeGreaterThan(50);
    const unknown = Object.keys(config).filter((key) => !known.has(key));
    expect(unknown).toEqual([]);
  });

  it('uses only known keys inside each configured section', () => {
    const problems: string[] = [];
    for (const [key, value] of Object.entries(config)) {
      if (!isObject(value)) continue;
      const definitions = objectDefinitions(scheme.properties[key]);
      if (definitions.length === 0) continue;
      const allowed = new Set(definitions.flatMap((d) => Object.keys(d.properties ?? {})));
      for (const nested of Object.keys(value)) if (!allowed.has(nested)) problems.push(`${key}.${nested}`);
    }
    expect(problems).toEqual([]);
  });

  it('identifies the app', () => {
    expect(config.appId).toBe('in.kycdesk.app');
    expect(config.productName).toBe('KYC Desk');
    expect(config.productName).toBe(pkg.productName);
    expect(config.directories).toEqual({ output: 'release', buildResources: 'resources' });
  });

  it('references icons that exist', () => {
    const icons = (['win', 'mac', 'linux'] as const)
      .map((platform) => asObject(config[platform], platform).icon)
      .filter((icon): icon is string => typeof icon === 'string');
    for (const icon of icons) {
      expect(existsSync(fromRoot(icon)) || existsSync(fromRoot('resources', icon)), icon).toBe(true);
    }
  });

  it('builds NSIS (Windows), DMG (macOS) and AppImage + deb (Linux) installers', () => {
    const win = platformTargets('win');
    const mac = platformTargets('mac');
    const linux = platformTargets('linux');
    expect(win.map((t) => t.target)).toContain('nsis');
    expect(win.find((t) => t.target === 'nsis')?.arch).toEqual(['x64']);
    expect(mac.map((t) => t.target)).toContain('dmg');
    expect(mac.find((t) => t.target === 'dmg')?.arch).toEqual(expect.arrayContaining(['x64', 'arm64']));
    expect(linux.map((t) => t.target)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    for (const t of linux) expect(t.arch).toEqual(['x64']);
  });

  it('hardens and categorises the platform builds', () => {
    const mac = asObject(config.mac, 'mac');
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.notarize).not.toBe(false); // notarization stays env-driven (APPLE_* variables)
    const linux = asObject(config.linux, 'linux');
    expect(linux.category).toBe('Office');
    expect(String(linux.maintainer ?? asObject(config.deb, 'deb').maintainer)).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });

  it('signs the macOS app with our own minimal entitlements: the camera and V8\'s JIT, nothing more', () => {
    const mac = asObject(config.mac, 'mac');
    expect(mac.entitlements).toBe('resources/entitlements.mac.plist');
    // The helpers (renderer, GPU) run the same V8 and reach the camera through the app.
    expect(mac.entitlementsInherit).toBe(mac.entitlements);
    const file = String(mac.entitlements);
    // electron-builder resolves the path from the project root; it must sit under buildResources to be found alike everywhere.
    expect(file.startsWith(`${asObject(config.directories, 'directories').buildResources}/`)).toBe(true);
    const entitlements = asObject(parsePlist(readText(file)), file);
    expect(entitlements).toEqual({ 'com.apple.security.device.camera': true, 'com.apple.security.cs.allow-jit': true });
    for (const risky of [
      'com.apple.security.cs.allow-unsigned-executable-memory',
      'com.apple.security.cs.disable-library-validation',
      'com.apple.security.cs.allow-dyld-environment-variables',
      'com.apple.security.cs.disable-executable-page-protection',
      'com.apple.security.get-task-allow',
      'com.apple.security.cs.debugger',
      'com.apple.security.device.audio-input',
    ]) {
      expect(entitlements[risky], risky).toBeUndefined();
    }
  });

  it('tells the operator why the camera is asked for (macOS refuses it without a usage description)', () => {
    const info = asObject(asObject(config.mac, 'mac').extendInfo, 'mac.extendInfo');
    expect(String(info.NSCameraUsageDescription)).toMatch(/camera.*photograph/i);
    expect(info.NSMicrophoneUsageDescription).toBeUndefined();
  });

  it('installs for all users on Windows, so the program and its native module are not the operator\'s to change', () => {
    const nsis = asObject(config.nsis, 'nsis');
    expect(nsis.perMachine).toBe(true);
    expect(nsis.oneClick).toBe(false);
  });

  it('packages the built main, preload and renderer output', () => {
    expect(filesPatterns).toContain('package.json');
    for (const file of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html', 'dist/renderer/assets/index-abc123.js', 'package.json']) {
      expect(selectedBy(filesPatterns, file), file).toBe(true);
    }
  });

  it('matches package.json "main" with a files glob', () => {
    expect(pkg.main).toMatch(/^dist\/electron\//);
    const main = nodePath.posix.normalize(pkg.main);
    expect(filesPatterns.some((pattern) => !pattern.startsWith('!') && matchesGlob(main, pattern))).toBe(true);
    expect(selectedBy(filesPatterns, main)).toBe(true);
  });

  it('never packages the browser-preview host, sources or tests', () => {
    expect(filesPatterns.some((p) => p.startsWith('!dist/preview'))).toBe(true);
    for (const file of [
      'dist/preview/host.cjs',
      'dist/preview/index.html',
      'electron/app/config.ts',
      'renderer/src/main.tsx',
      'shared/index.ts',
      'test/packaging/electron-builder-config.test.ts',
      '.github/workflows/release.yml',
    ]) {
      expect(selectedBy(filesPatterns, file), file).toBe(false);
    }
  });

  it('keeps the sql.js runtime files in production dependencies', () => {
    for (const file of ['node_modules/sql.js/dist/sql-wasm.js', 'node_modules/sql.js/dist/sql-wasm.wasm', 'node_modules/sql.js/package.json']) {
      expect(dependencyFileSelected(filesPatterns, file), file).toBe(true);
    }
  });

  it('unpacks the sql.js WebAssembly binary and the keychain module from the asar archive (and only those)', () => {
    expect(config.asar).toBe(true);
    const unpack = asStringList(config.asarUnpack, 'asarUnpack');
    expect(unpack.some((glob) => matchesGlob('node_modules/sql.js/dist/sql-wasm.wasm', glob))).toBe(true);
    expect(unpack.some((glob) => matchesGlob('node_modules/keytar/build/Release/keytar.node', glob))).toBe(true);
    // keytar is native: it must be rebuilt against Electron's ABI when packaging.
    expect(config.npmRebuild).toBe(true);
    expect(unpack.some((glob) => matchesGlob('node_modules/sql.js/dist/sql-wasm.js', glob))).toBe(false);
    expect(unpack.some((glob) => matchesGlob('dist/electron/main.cjs', glob))).toBe(false);
  });

  it('flips the Electron fuses', () => {
    const fuses = asObject(config.electronFuses, 'electronFuses');
    const fuseSchema = objectDefinitions(scheme.properties.electronFuses)[0]?.properties ?? {};
    expect(Object.keys(fuses).filter((key) => !(key in fuseSchema))).toEqual([]);
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('contains no signing secrets (they come from the environment)', () => {
    const offending: string[] = [];
    for (const [trail, value] of walk(config, '$')) {
      if (/\.(cscLink|cscKeyPassword|cscInstallerLink|cscInstallerKeyPassword|certificateFile|certificatePassword|password|appleId|appleIdPassword)$/i.test(trail)) offending.push(trail);
      if (typeof value === 'string' && /-----BEGIN|MII[A-Za-z0-9+/]{40}/.test(value)) offending.push(trail);
    }
    expect(offending).toEqual([]);
  });
});

describe('package.json', () => {
  it('keeps electron and electron-builder in devDependencies only', () => {
    for (const name of ['electron', 'electron-builder']) {
      expect(pkg.devDependencies?.[name], `${name} in devDependencies`).toBeTypeOf('string');
      expect(pkg.dependencies?.[name], `${name} in dependencies`).toBeUndefined();
    }
    expect(pkg.dependencies?.['sql.js']).toBeTypeOf('string');
  });

  it('builds on Electron 45 at its newest patch known when this was written, never an older one', () => {
    const installed = readJson<{ version: string }>('node_modules/electron/package.json').version;
    const [major = 0, minor = 0, patch = 0] = installed.split('.').map(Number);
    expect(major).toBe(45);
    expect(minor * 1000 + patch).toBeGreaterThanOrEqual(6 * 1000 + 1);
    expect(pkg.devDependencies?.electron).toMatch(/^\^45\.(\d+)\.(\d+)$/);
  });
});

describe('.github/workflows/release.yml', () => {
  const jobs = asObject(workflow.jobs, 'jobs');
  const packageJob = Object.values(jobs).map((job) => asObject(job, 'job')).find((job) => isObject(job.strategy));
  const matrix = asObject(asObject(packageJob?.strategy, 'strategy').matrix, 'matrix');
  const matrixEntries = (Array.isArray(matrix.include) ? matrix.include : []).map((entry) => asObject(entry, 'matrix.include[]'));
  const steps = (Array.isArray(packageJob?.steps) ? packageJob.steps : []).map((step) => asObject(step, 'step'));

  it('runs on v* tags and on demand', () => {
    const on = asObject(workflow.on, 'on');
    expect(asStringList(asObject(on.push, 'on.push').tags, 'on.push.tags')).toContain('v*');
    expect('workflow_dispatch' in on).toBe(true);
  });

  it('builds on Windows, macOS and Linux runners with the matching platform flag', () => {
    const oses = [...asStringList(matrix.os ?? [], 'matrix.os'), ...matrixEntries.map((entry) => String(entry.os))];
    expect(oses).toEqual(expect.arrayContaining(['windows-latest', 'macos-latest', 'ubuntu-latest']));
    const flags = Object.fromEntries(matrixEntries.map((entry) => [String(entry.os), String(entry.platform)]));
    expect(flags).toMatchObject({ 'windows-latest': '--win', 'macos-latest': '--mac', 'ubuntu-latest': '--linux' });
  });

  it('installs, builds and packages with electron-builder without publishing', () => {
    const runs = steps.map((step) => (typeof step.run === 'string' ? step.run : '')).join('\n');
    expect(runs).toMatch(/\bnpm ci\b/);
    expect(runs).toMatch(/\bnpm run build\b/);
    expect(runs).toMatch(/electron-builder --config electron-builder\.yml --publish never \$\{\{ matrix\.platform \}\}/);
    const setupNode = steps.find((step) => String(step.uses).startsWith('actions/setup-node@'));
    expect(asObject(setupNode?.with, 'setup-node.with')).toMatchObject({ 'node-version': 22, cache: 'npm' });
  });

  it('uploads every installer type', () => {
    const upload = steps.find((step) => String(step.uses).startsWith('actions/upload-artifact@'));
    const uploadPath = String(asObject(upload?.with, 'upload-artifact.with').path);
    for (const glob of ['release/*.exe', 'release/*.dmg', 'release/*.AppImage', 'release/*.deb']) expect(uploadPath).toContain(glob);
  });

  it('grants contents: write only to the tag-gated release job', () => {
    expect(asObject(workflow.permissions, 'permissions').contents).toBe('read');
    const writers = Object.entries(jobs).filter(([, job]) => asObject(asObject(job, 'job').permissions ?? {}, 'job.permissions').contents === 'write');
    expect(writers.map(([name]) => name)).toEqual(['release']);
    const release = asObject(jobs.release, 'jobs.release');
    expect(String(release.if)).toContain("startsWith(github.ref, 'refs/tags/v')");
  });

  it('passes signing secrets without hard-coding them', () => {
    const text = readText('.github/workflows/release.yml');
    for (const secret of ['WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD', 'CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']) {
      expect(text).toContain(`\${{ secrets.${secret} }}`);
    }
    expect(text).toContain('CSC_IDENTITY_AUTO_DISCOVERY=false');
  });
});
