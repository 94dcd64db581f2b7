import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readStaticFile } from '../../electron/preview/static-files';

let parent: string;
let root: string;

beforeAll(() => {
  // parent/
  //   secret            ← must never be served
  //   site-evil/secret  ← sibling whose name starts with the root's name
  //   site/index.html, site/assets/a.js, site/assets/style.css, site/assets/blob.bin
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-static-'));
  root = path.join(parent, 'site');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.mkdirSync(path.join(parent, 'site-evil'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>KYC</title>');
  fs.writeFileSync(path.join(root, 'assets', 'a.js'), 'console.log("a");');
  fs.writeFileSync(path.join(root, 'assets', 'style.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'assets', 'blob.bin'), Buffer.from([0, 1, 2]));
  fs.writeFileSync(path.join(parent, 'secret'), 'TOP SECRET');
  fs.writeFileSync(path.join(parent, 'site-evil', 'secret'), 'SIBLING SECRET');
});

afterAll(() => {
  fs.rmSync(parent, { recursive: true, force: true });
});

describe('readStaticFile serves files inside the root', () => {
  it.each([
    ['/', '<!doctype html><title>KYC</title>', 'text/html; charset=utf-8'],
    ['', '<!doctype html><title>KYC</title>', 'text/html; charset=utf-8'],
    ['/index.html', '<!doctype html><title>KYC</title>', 'text/html; charset=utf-8'],
    ['/assets/a.js', 'console.log("a");', 'text/javascript; charset=utf-8'],
    ['/assets/%61.js', 'console.log("a");', 'text/javascript; charset=utf-8'],
    ['/assets/style.css', 'body{}', 'text/css; charset=utf-8'],
    ['//assets/a.js', 'console.log("a");', 'text/javascript; charset=utf-8'],
    ['/assets/../index.html', '<!doctype html><title>KYC</title>', 'text/html; charset=utf-8'],
  ])('%j', (urlPath, content, contentType) => {
    const file = readStaticFile(root, urlPath);
    expect(file).not.toBeNull();
    expect(file?.bytes.toString('utf8')).toBe(content);
    expect(file?.contentType).toBe(contentType);
  });

  it('falls back to application/octet-stream for unknown extensions', () => {
    const file = readStaticFile(root, '/assets/blob.bin');
    expect(file?.contentType).toBe('application/octet-stream');
    expect([...(file?.bytes ?? [])]).toEqual([0, 1, 2]);
  });
});

describe('readStaticFile refuses', () => {
  it.each([
    ['a parent-directory escape', '/../secret'],
    ['an encoded parent-directory escape', '/%2e%2e/secret'],
    ['an upper-case encoded escape', '/%2E%2E/secret'],
    ['an escape through a subdirectory', '/assets/../../secret'],
    ['an escape with encoded slashes', '/..%2fsecret'],
    ['an escape into a sibling with the same prefix', '/../site-evil/secret'],
    ['an escape after an encoded leading slash', '/%2F..%2Fsecret'],
    ['a NUL byte', '/index.html%00.js'],
    ['a raw NUL byte', '/index.html\0'],
    ['a directory', '/assets'],
    ['a directory with a trailing slash', '/assets/'],
    ['a missing file', '/missing.js'],
    ['malformed percent-encoding', '/%E0%A4%A'],
    ['a lone percent sign', '/%'],
  ])('%s (%j)', (_label, urlPath) => {
    expect(readStaticFile(root, urlPath)).toBeNull();
  });

  it('the absolute path of the secret, however it is spelled', () => {
    const secret = path.join(parent, 'secret');
    expect(readStaticFile(root, secret)).toBeNull();
    expect(readStaticFile(root, encodeURIComponent(secret))).toBeNull();
  });

  it('never returns the content of the outside file', () => {
    for (const urlPath of ['/../secret', '/%2e%2e/secret', '/assets/../../secret', '/../site-evil/secret']) {
      const file = readStaticFile(root, urlPath);
      expect(file?.bytes.toString('utf8') ?? '').not.toContain('SECRET');
    }
  });
});
