// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KycDeskApi } from '../../shared/contract';
import type { ChannelName } from '../../shared/contract/names';
import { SHIPPED_UAE_LISTS, UAE_LIST_NAMES, UAE_LIST_TITLES, putUaeListsInForce, uaeLists } from '../../shared/master-data/uae-lists';
import { UaeCodeLists } from '../../renderer/src/admin/UaeCodeLists';
import { useAppStore } from '../../renderer/src/state/app-store';

/** The admin's card for the UAE code lists: each list's source, an import refused in main's words or taken and put in force at once. */
const sources = (imported: boolean) =>
  UAE_LIST_NAMES.map((list) => ({ list, title: UAE_LIST_TITLES[list], entries: list === 'occupations' && imported ? 2 : SHIPPED_UAE_LISTS[list].length, importedAt: list === 'occupations' && imported ? '2026-12-05T06:00:00.000Z' : null, importedBy: list === 'occupations' && imported ? 'Training Admin' : null }));

afterEach(() => {
  cleanup();
  useAppStore.setState({ api: null });
  putUaeListsInForce(SHIPPED_UAE_LISTS);
});

describe('UAE customer code lists on the Settings screen', () => {
  it('says why a file is refused, and puts an imported list in force for the form', async () => {
    let imported = false;
    const occupations = [{ code: '2856', label: 'Accountant' }, { code: '4100', label: 'Nurse' }];
    const invoke = vi.fn(async (channel: ChannelName, request: { text?: string }) => {
      if (channel === 'masterData.uaeLists') return { ok: true, value: { lists: { ...SHIPPED_UAE_LISTS, ...(imported ? { occupations } : {}) }, sources: sources(imported) } };
      if (channel === 'masterData.importUaeList') {
        if (!request.text!.startsWith('{')) return { ok: false, error: { code: 'VALIDATION_FAILED', message: 'This file is not a code list: it is not JSON. Nothing was changed.' } };
        imported = true;
        return { ok: true, value: sources(true).find((s) => s.list === 'occupations') };
      }
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
    });
    useAppStore.setState({ api: { invoke, on: vi.fn(() => () => undefined) } as unknown as KycDeskApi });
    const user = userEvent.setup();
    render(<UaeCodeLists />);
    const card = within(await screen.findByTestId('uae-code-lists'));
    expect(await card.findByRole('cell', { name: 'Countries (ISO 3166)' })).toBeTruthy();
    expect(card.getByRole('row', { name: /^Countries \(ISO 3166\) 249 Shipped with KYC Desk/ })).toBeTruthy();

    await user.upload(card.getByLabelText('Code list file (JSON or CSV)'), new File(['<html>'], 'occupations.json', { type: 'application/json' }));
    expect((await card.findByTestId('uae-code-lists-error')).textContent).toContain('not JSON. Nothing was changed.');
    expect(uaeLists().occupations).toEqual(SHIPPED_UAE_LISTS.occupations);

    await user.upload(card.getByLabelText('Code list file (JSON or CSV)'), new File([JSON.stringify({ list: 'occupations', entries: occupations })], 'occupations.json', { type: 'application/json' }));
    expect((await card.findByRole('status')).textContent).toBe('Occupations: 2 entries imported from occupations.json. The UAE customer form uses them now.');
    expect(await card.findByRole('button', { name: 'Back to the shipped occupations' })).toBeTruthy();
    expect(uaeLists().occupations).toEqual(occupations);
  });
});
