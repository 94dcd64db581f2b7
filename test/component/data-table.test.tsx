// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataTable, type Column } from '../../renderer/src/shell/DataTable';

/** The one table the queue, the batches, the audit trail and the operators draw with. */
interface Fruit {
  id: string;
  name: string;
  ripe: boolean;
}
const FRUITS: Fruit[] = [
  { id: 'f1', name: 'Mango', ripe: true },
  { id: 'f2', name: 'Guava', ripe: false },
];
const COLUMNS: Column<Fruit>[] = [
  { key: 'name', header: 'Name', className: 'mono', cell: (fruit) => fruit.name },
  { key: 'ripe', header: 'Ripe', testId: 'ripe', cell: (fruit) => (fruit.ripe ? 'Yes' : 'No') },
];

afterEach(() => cleanup());

function Ticking() {
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  return (
    <DataTable
      label="Fruit"
      columns={COLUMNS}
      rows={FRUITS}
      rowKey={(fruit) => fruit.id}
      rowAttributes={(fruit) => ({ 'data-id': fruit.id })}
      selection={{
        canSelect: (fruit) => fruit.ripe,
        isSelected: (fruit) => ticked.has(fruit.id),
        toggle: (fruit) => setTicked((now) => (now.has(fruit.id) ? new Set() : new Set([fruit.id]))),
        label: (fruit) => `Tick ${fruit.name}`,
      }}
    />
  );
}

describe('DataTable', () => {
  it('is a table named by its label, with column headers and one row per item', () => {
    const { container } = render(<DataTable label="Fruit" columns={COLUMNS} rows={FRUITS} rowKey={(fruit) => fruit.id} wrapClassName="table-wrap" className="admin-table" busy={false} />);
    const table = screen.getByRole('table', { name: 'Fruit' });
    expect(table.className).toBe('table admin-table');
    expect(table.getAttribute('aria-busy')).toBe('false');
    expect(container.querySelector('.table-wrap > table')).toBe(table);
    expect(within(table).getAllByRole('columnheader').map((th) => [th.textContent, th.getAttribute('scope')])).toEqual([
      ['Name', 'col'],
      ['Ripe', 'col'],
    ]);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').map((td) => td.textContent))).toEqual([
      ['Mango', 'Yes'],
      ['Guava', 'No'],
    ]);
    expect(within(rows[0]!).getAllByRole('cell')[0]!.className).toBe('mono');
    expect(within(rows[1]!).getByTestId('ripe').textContent).toBe('No');
  });

  it('says its empty sentence instead of a table, or draws an empty table when it has none', () => {
    render(<DataTable label="Fruit" columns={COLUMNS} rows={[]} rowKey={(fruit) => fruit.id} empty="No fruit yet." />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('No fruit yet.').className).toBe('empty');
    cleanup();
    render(<DataTable label="Fruit" columns={COLUMNS} rows={[]} rowKey={(fruit) => fruit.id} />);
    expect(within(screen.getByRole('table', { name: 'Fruit' })).getAllByRole('row')).toHaveLength(1);
  });

  it('ticks only the rows that may be ticked, and marks a ticked row as selected', async () => {
    const { container } = render(<Ticking />);
    const user = userEvent.setup();
    expect(screen.getAllByRole('columnheader')[0]!.textContent).toBe('Tick');
    expect(screen.queryByRole('checkbox', { name: 'Tick Guava' })).toBeNull();
    const box = screen.getByRole('checkbox', { name: 'Tick Mango' });
    await user.click(box);
    expect((box as HTMLInputElement).checked).toBe(true);
    expect(container.querySelector('tr[data-id="f1"]')!.className).toBe('selected');
    expect(container.querySelector('tr[data-id="f2"]')!.className).toBe('');
  });

  it('lets rows with state of their own draw themselves under the headers', () => {
    render(
      <DataTable
        label="Fruit"
        columns={[{ key: 'name', header: 'Name' }]}
        rows={FRUITS}
        rowKey={(fruit) => fruit.id}
        renderRow={(fruit) => (
          <tr>
            <td>{fruit.name.toUpperCase()}</td>
          </tr>
        )}
      />,
    );
    expect(screen.getAllByRole('cell').map((td) => td.textContent)).toEqual(['MANGO', 'GUAVA']);
  });
});
