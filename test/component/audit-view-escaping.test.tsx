// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditView } from '../../renderer/src/admin/AuditView';
import { useAppStore } from '../../renderer/src/state/app-store';
import { APP_INFO, fakeBridge, signedIn } from './fake-bridge';

/**
 * The audit trail's screen never shows an invisible character raw: an entry written before main
 * escaped them (or any other) shows `\u202E` where a right-to-left override would turn the text.
 */
const RAW = { seq: 1, at: '2026-11-22T10:00:00.000Z', operatorId: 'op_x', operatorName: 'Asha\u2028Verma', action: 'sign-in-failed', subject: 'ADMIN\u202E1ZYX', details: { note: 'a\u200Bb' }, prevHash: '0'.repeat(64), hash: 'f'.repeat(64) };

afterEach(() => cleanup());

describe('audit trail screen', () => {
  it('shows subjects, operator names and details with invisible characters escaped', async () => {
    const { api } = fakeBridge({
      'app.info': () => APP_INFO,
      'audit.list': () => ({ ok: true, value: { items: [RAW], total: 1 } }),
      'audit.verify': () => ({ ok: true, value: { ok: true, entries: 1, firstBrokenSeq: null, reason: null } }),
    });
    useAppStore.setState({ api, session: signedIn('admin') });
    render(<AuditView />);
    const subject = await screen.findByText('ADMIN\\u202E1ZYX');
    const row = subject.closest('tr')!;
    expect(row.textContent).toContain('Asha\\u2028Verma');
    expect(row.textContent).toContain('note: a\\u200Bb');
    expect(row.textContent).not.toMatch(/[\u202E\u2028\u200B]/);
  });
});
