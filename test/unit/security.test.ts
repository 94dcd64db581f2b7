import { describe, it, expect } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from '../../electron/security/content-security-policy';
import { APP_ORIGIN, isAppUrl, originOf } from '../../electron/security/app-origin';
import { isPermissionGranted, type PermissionAsk } from '../../electron/security/permissions';
import { isNavigationAllowed } from '../../electron/security/navigation';
import { HELP_LINKS, isExternalLinkAllowed } from '../../electron/security/external-links';

/** Directive name → its sources. */
function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

describe('contentSecurityPolicy', () => {
  const csp = contentSecurityPolicy();
  const parsed = directives(csp);

  it('has no unsafe-inline and no unsafe-eval anywhere', () => {
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toContain('unsafe');
  });

  it.each([
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['connect-src', ["'self'"]],
  ])('%s is exactly %j', (name, sources) => {
    expect(parsed.get(name)).toEqual(sources);
  });

  it('declares each directive once', () => {
    const names = csp.split(';').map((part) => part.trim().split(/\s+/)[0]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('names no http(s), ws(s) or wildcard origin by default', () => {
    expect(csp).not.toMatch(/https?:|wss?:|\*/);
  });

  it('adds connect sources to connect-src only', () => {
    const withSocket = directives(contentSecurityPolicy(['ws://127.0.0.1:5183']));
    expect(withSocket.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:5183']);
    for (const [name, sources] of withSocket) {
      if (name !== 'connect-src') expect(sources.join(' ')).not.toContain('127.0.0.1');
    }
    expect(withSocket.get('script-src')).toEqual(["'self'"]);
  });
});

describe('securityHeaders', () => {
  it('includes nosniff, the CSP and framing protection', () => {
    const headers = securityHeaders(['ws://127.0.0.1:5183']);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toBe(contentSecurityPolicy(['ws://127.0.0.1:5183']));
    expect(headers['x-frame-options']).toBe('DENY');
  });

  it('uses lower-case header names', () => {
    for (const name of Object.keys(securityHeaders())) expect(name).toBe(name.toLowerCase());
  });

  it('allows the camera to the app only and denies the microphone', () => {
    const policy = securityHeaders()['permissions-policy'];
    expect(policy).toContain('camera=(self)');
    expect(policy).toContain('microphone=()');
  });
});

describe('originOf', () => {
  it.each<[string | null | undefined, string | null]>([
    ['app://kyc-desk/index.html', 'app://kyc-desk'],
    ['app://kyc-desk', 'app://kyc-desk'],
    ['app://kyc-desk/assets/a.js?x=1#y', 'app://kyc-desk'],
    ['app://other-host/index.html', 'app://other-host'],
    ['https://example.com/path', 'https://example.com'],
    ['http://127.0.0.1:5183/', 'http://127.0.0.1:5183'],
    ['not a url', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });

  it('APP_ORIGIN is app://kyc-desk', () => {
    expect(APP_ORIGIN).toBe('app://kyc-desk');
    expect(isAppUrl('app://kyc-desk/index.html')).toBe(true);
  });
});

describe('isPermissionGranted', () => {
  const fromApp = 'app://kyc-desk/index.html';

  it('grants the camera to the app', () => {
    expect(isPermissionGranted({ permission: 'media', mediaTypes: ['video'], requestingUrl: fromApp })).toBe(true);
  });

  it.each<[string, PermissionAsk]>([
    ['microphone', { permission: 'media', mediaTypes: ['audio'], requestingUrl: fromApp }],
    ['camera and microphone', { permission: 'media', mediaTypes: ['video', 'audio'], requestingUrl: fromApp }],
    ['empty media types', { permission: 'media', mediaTypes: [], requestingUrl: fromApp }],
    ['media with no types', { permission: 'media', requestingUrl: fromApp }],
    ['notifications', { permission: 'notifications', requestingUrl: fromApp }],
    ['geolocation', { permission: 'geolocation', requestingUrl: fromApp }],
    ['clipboard-read', { permission: 'clipboard-read', requestingUrl: fromApp }],
    ['camera from https://evil.example', { permission: 'media', mediaTypes: ['video'], requestingUrl: 'https://evil.example/' }],
    ['camera from file:///', { permission: 'media', mediaTypes: ['video'], requestingUrl: 'file:///' }],
    ['camera from another app host', { permission: 'media', mediaTypes: ['video'], requestingUrl: 'app://other-host/' }],
    ['camera from an unknown URL', { permission: 'media', mediaTypes: ['video'], requestingUrl: undefined }],
  ])('refuses %s', (_label, ask) => {
    expect(isPermissionGranted(ask)).toBe(false);
  });
});

describe('isNavigationAllowed', () => {
  it.each([['app://kyc-desk/x'], ['app://kyc-desk/index.html#/records'], ['app://kyc-desk/']])('allows %j', (url) => {
    expect(isNavigationAllowed(url)).toBe(true);
  });

  it.each([
    ['https://example.com'],
    ['http://kyc-desk/'],
    ['file:///etc/passwd'],
    ['app://other-host/'],
    ['app://kyc-desk.evil.example/'],
    ['app://kyc-desk@evil.example/'],
    ['app://kyc-desk:8080/'],
    ['javascript:alert(1)'],
    ['data:text/html,hi'],
    ['about:blank'],
    [''],
    ['kyc-desk/index.html'],
  ])('refuses %j', (url) => {
    expect(isNavigationAllowed(url)).toBe(false);
  });
});

describe('isExternalLinkAllowed', () => {
  const helpPage = 'https://help.kycdesk.example/guide/sign-in';

  it('opens nothing while the help list is empty, whatever the renderer asks', () => {
    expect(HELP_LINKS).toEqual([]);
    for (const url of ['https://help.kycdesk.example/guide/sign-in', 'https://evil.example/', 'file:///etc/passwd', 'ms-settings:', 'javascript:alert(1)']) {
      expect(isExternalLinkAllowed(url), url).toBe(false);
    }
  });

  it('opens an address only when it is on the list exactly', () => {
    expect(isExternalLinkAllowed(helpPage, [helpPage])).toBe(true);
    expect(isExternalLinkAllowed('https://HELP.kycdesk.example/guide/sign-in', [helpPage])).toBe(true); // the same address, as URL reads it
    for (const url of [
      'https://help.kycdesk.example/guide/sign-in?next=https://evil.example',
      'https://help.kycdesk.example/guide/sign-in#x',
      'https://help.kycdesk.example/guide/',
      'https://help.kycdesk.example.evil.example/guide/sign-in',
      'https://user:pass@help.kycdesk.example/guide/sign-in',
      'http://help.kycdesk.example/guide/sign-in',
      'not a url',
    ]) {
      expect(isExternalLinkAllowed(url, [helpPage]), url).toBe(false);
    }
  });

  it('never opens a non-https entry even if one were listed', () => {
    expect(isExternalLinkAllowed('http://help.kycdesk.example/', ['http://help.kycdesk.example/'])).toBe(false);
    expect(isExternalLinkAllowed('file:///C:/Windows/system32/calc.exe', ['file:///C:/Windows/system32/calc.exe'])).toBe(false);
  });
});
