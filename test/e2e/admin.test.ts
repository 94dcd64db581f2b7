import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../support/axe';
import { SCREENSHOTS, startAppUnderTest, waitForAppEvent, collectPageProblems, type AppUnderTest } from '../support/app-under-test';

const NEW_PASSWORD = 'correct horse battery';
const SECRET = 'sftp-Secret-7Q!x93';

let app: AppUnderTest;
let preview: AppUnderTest['preview'];
let browser: AppUnderTest['browser'];

beforeAll(async () => {
  app = await startAppUnderTest();
  ({ preview, browser } = app);
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

function tab(page: Page, name: string) {
  return page.locator('nav[aria-label="Main"]').getByRole('button', { name, exact: true });
}

describe('the branch admin screens, in Chromium against the preview host', () => {
  it('adds an operator, reads, verifies and exports the audit trail, changes settings and a connection secret', async () => {
    // A branch in India: the date filters must be sent with the PC's own offset (+05:30).
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, timezoneId: 'Asia/Kolkata' });
    const problems = collectPageProblems(page);

    await page.goto(preview.url);
    await waitForAppEvent(page, 'app-ready');
    await page.getByRole('button', { name: 'Continue as Training Admin' }).click();
    await waitForAppEvent(page, 'session-ready');
    expect(await page.getByTestId('signed-in-operator').textContent()).toContain('Training Admin');

    // ---- Operators -------------------------------------------------------------------------
    await tab(page, 'Operators').click();
    await expect.poll(() => page.getByRole('heading', { name: 'Operators', level: 2 }).isVisible()).toBe(true);
    const operatorsTable = page.getByRole('table', { name: 'Operators' });
    await expect.poll(() => operatorsTable.locator('tr[data-employee-code="TRN-ADMIN"]').count()).toBe(1);

    const form = page.getByRole('form', { name: 'Add operator' });
    await form.getByLabel('Name', { exact: true }).fill('Meera Iyer');
    await form.getByLabel('Employee code', { exact: true }).fill('E2001');
    await form.getByLabel('Designation', { exact: true }).fill('Assistant Manager');
    await form.getByLabel('Branch', { exact: true }).fill('Chennai Main');
    await form.getByLabel('Organisation', { exact: true }).fill('Example Bank');
    await form.getByLabel('Role', { exact: true }).selectOption('maker');
    await form.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Add operator' }).click();
    await expect.poll(() => page.getByTestId('add-operator-outcome').textContent()).toContain('Added Meera Iyer (E2001)');
    expect(await page.getByTestId('add-operator-outcome').getAttribute('role')).toBe('status');
    expect(await form.getByLabel('Password', { exact: true }).inputValue()).toBe(''); // cleared once used
    const meera = operatorsTable.locator('tr[data-employee-code="E2001"]');
    await expect.poll(() => meera.count()).toBe(1);
    expect(await meera.textContent()).toContain('Meera Iyer');
    expect(await meera.textContent()).toContain('Chennai Main');
    expect(await meera.getByLabel('Role of Meera Iyer').inputValue()).toBe('maker');
    expect(await meera.getByTestId('operator-status').textContent()).toBe('Active');

    // The same employee code again: the server's own words, and the field marked.
    await form.getByLabel('Name', { exact: true }).fill('Meera Iyer');
    await form.getByLabel('Employee code', { exact: true }).fill('e2001');
    await form.getByLabel('Designation', { exact: true }).fill('Assistant Manager');
    await form.getByLabel('Branch', { exact: true }).fill('Chennai Main');
    await form.getByLabel('Organisation', { exact: true }).fill('Example Bank');
    await form.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Add operator' }).click();
    await expect.poll(async () => (await page.getByTestId('add-operator-error').textContent()) ?? '').toContain('Another operator already has employee code E2001.');
    expect(await page.getByTestId('add-operator-error').getAttribute('role')).toBe('alert');
    expect(await form.getByLabel('Employee code', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.field__error').first().textContent()).toContain('already in use');
    await form.getByLabel('Password', { exact: true }).fill('');
    expect(await operatorsTable.locator('tr[data-employee-code="E2001"]').count()).toBe(1);

    // Per-row actions: role, switch off and on, reset password (asked for inline), unlock.
    await meera.getByLabel('Role of Meera Iyer').selectOption('checker');
    await meera.getByRole('button', { name: 'Save role of Meera Iyer' }).click();
    await expect.poll(() => meera.getAttribute('data-role')).toBe('checker');
    expect(await page.getByTestId('operators-notice').textContent()).toBe('Meera Iyer is now Checker.');
    await meera.getByRole('button', { name: 'Switch off Meera Iyer' }).click();
    await expect.poll(() => meera.getByTestId('operator-status').textContent()).toBe('Switched off');
    await meera.getByRole('button', { name: 'Switch on Meera Iyer' }).click();
    await expect.poll(() => meera.getByTestId('operator-status').textContent()).toBe('Active');
    await meera.getByRole('button', { name: 'Reset password of Meera Iyer' }).click();
    const newPassword = page.getByLabel('New password for Meera Iyer');
    await newPassword.fill('short');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect.poll(() => newPassword.getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-operators-reset.png'), fullPage: true });
    await newPassword.fill('another horse battery');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect.poll(() => page.getByTestId('operators-notice').textContent()).toContain('Meera Iyer’s password was reset');
    expect(await page.getByLabel('New password for Meera Iyer').count()).toBe(0);
    await meera.getByRole('button', { name: 'Unlock Meera Iyer' }).click();
    await expect.poll(() => page.getByTestId('operators-notice').textContent()).toContain('Meera Iyer is unlocked');

    // The last active admin cannot be switched off: the refusal is shown as the server wrote it.
    await operatorsTable.locator('tr[data-employee-code="TRN-ADMIN"]').getByRole('button', { name: 'Switch off Training Admin' }).click();
    await expect.poll(async () => (await page.getByTestId('operators-error').textContent()) ?? '').toContain('last active branch admin');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-operators.png'), fullPage: true });

    // ---- Audit trail -----------------------------------------------------------------------
    await tab(page, 'Audit trail').click();
    await expect.poll(() => page.getByRole('heading', { name: 'Audit trail', level: 2 }).isVisible()).toBe(true);
    const created = page.locator('tr[data-action="operator-create"]');
    await expect.poll(() => created.count()).toBe(1);
    expect(await created.textContent()).toContain('Training Admin');
    expect(await created.textContent()).toContain('employeeCode: E2001');
    expect(await created.locator('time').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}:\d{2}$/); // DD/MM/YYYY, 24-hour clock

    // Filters: one action, today's date on both ends (the 'to' day is included whole).
    await page.getByLabel('Action', { exact: true }).selectOption('operator-create');
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    const todayTyped = today.split('-').reverse().join('/'); // DD/MM/YYYY, as the branch writes it
    await page.getByLabel('From date').pressSequentially(todayTyped);
    await page.getByLabel('To date').pressSequentially(todayTyped);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody tr').first().getAttribute('data-action')).toBe('operator-create');

    await page.getByRole('button', { name: 'Verify the trail' }).click();
    const verified = page.getByTestId('audit-verify-result');
    await expect.poll(async () => (await verified.textContent()) ?? '').toMatch(/^The audit trail is intact: \d+ entries checked\.$/);
    expect(await verified.getAttribute('role')).toBe('status');

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^kyc-desk-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csvPath = await download.path();
    const csv = fs.readFileSync(csvPath, 'utf8');
    expect(csv).toContain('operator-create');
    expect(csv).toContain('E2001');
    expect(csv).not.toContain(NEW_PASSWORD);
    expect(csv).not.toContain('another horse battery');
    expect(csv).not.toContain('sign-in'); // the action filter went with the export
    await expect.poll(async () => (await page.getByTestId('audit-export-result').textContent()) ?? '').toContain(download.suggestedFilename());
    expect(await page.content()).not.toContain(NEW_PASSWORD);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.locator('tr[data-action="audit-export"]').count()).toBe(1);
    expect(await page.locator('tr[data-action="audit-export"]').textContent()).toContain(`from: ${today}T00:00:00+05:30`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-audit.png'), fullPage: true });

    // ---- Settings --------------------------------------------------------------------------
    await tab(page, 'Settings').click();
    await expect.poll(() => page.getByRole('heading', { name: 'Settings', level: 2 }).isVisible()).toBe(true);
    const retention = page.getByLabel('Keep finished records for (days)');
    await expect.poll(() => retention.inputValue()).toBe('180');
    await retention.fill('0');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => retention.getAttribute('aria-invalid')).toBe('true');
    const retentionError = page.locator('.field--invalid .field__error');
    expect(await retentionError.textContent()).toBe('Enter a whole number of days from 1 to 3650.');
    expect(await retentionError.getAttribute('role')).toBe('alert');
    expect(await retention.getAttribute('aria-describedby')).toContain(await retentionError.getAttribute('id'));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-settings-error.png'), fullPage: true });

    await retention.fill('90');
    expect(await retention.getAttribute('aria-invalid')).toBe('false');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await page.getByTestId('settings-outcome').textContent()) ?? '').toContain('kept for 90 days');
    expect(await retention.inputValue()).toBe('90');

    // Connection secrets: set one, never see it again, remove it.
    const status = page.getByTestId('secret-status-sftp-password');
    await expect.poll(() => status.textContent()).toBe('Not set');
    const secretInput = page.getByLabel('SFTP password', { exact: true });
    await secretInput.fill(SECRET);
    await page.getByRole('button', { name: 'Save SFTP password', exact: true }).click();
    await expect.poll(() => status.textContent()).toBe('Set');
    expect(await secretInput.inputValue()).toBe('');
    expect(await page.content()).not.toContain(SECRET);
    expect(await page.getByTestId('secrets-notice').textContent()).toContain('SFTP password saved');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-settings.png'), fullPage: true });

    await page.getByRole('button', { name: 'Remove SFTP password', exact: true }).click();
    await expect.poll(() => status.textContent()).toBe('Not set');
    expect(await page.getByRole('button', { name: 'Remove SFTP password', exact: true }).count()).toBe(0);

    // Connections: the screen a branch's IT fills in once; usable by everyone, and it says Training stays on.
    await tab(page, 'Connections').click();
    await expect.poll(() => page.getByRole('heading', { name: 'Connections', level: 2 }).isVisible()).toBe(true);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-connections.png'), fullPage: true });

    // The trail records the setting and the secret, never the secret's value.
    await tab(page, 'Audit trail').click();
    await expect.poll(() => page.locator('tr[data-action="secret-clear"]').count()).toBe(1);
    expect(await page.locator('tr[data-action="secret-set"]').textContent()).toContain('sftp-password');
    expect(await page.locator('tr[data-action="settings-change"]').textContent()).toContain('to: 90');
    expect(await page.content()).not.toContain(SECRET);

    // No CSP violation, script error or failed request along the way.
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
