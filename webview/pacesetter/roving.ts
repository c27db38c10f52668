// Keyboard movement in a table (the ARIA grid pattern): the table is one Tab stop, the arrow
// keys move between its cells, Home/End go to the ends of a row and Ctrl+Home/End to the ends of
// the table. A leader with a 40-week pace-setter then tabs past it in one key press instead of 400.
// Cells (and buttons in an actions cell) that take part carry a `data-key`, which also lets focus come back to the same cell after
// the table is drawn again for a new snapshot.

function keyedRows(table: HTMLTableElement): HTMLElement[][] {
  const rows: HTMLElement[][] = [];
  for (const row of Array.from(table.rows)) {
    // Cells, or buttons inside a cell; not the controls of a form drawn inside the table.
    const items = Array.from(row.querySelectorAll<HTMLElement>('[data-key]')).filter(
      (el) => el.closest('tr') === row,
    );
    if (items.length > 0) rows.push(items);
  }
  return rows;
}

const columnOf = (el: HTMLElement): number =>
  (el.closest('td, th') as HTMLTableCellElement | null)?.cellIndex ?? 0;

function nearest(items: HTMLElement[], column: number): HTMLElement | undefined {
  let best: HTMLElement | undefined;
  for (const el of items)
    if (!best || Math.abs(columnOf(el) - column) < Math.abs(columnOf(best) - column)) best = el;
  return best;
}

function activate(table: HTMLTableElement, cell: HTMLElement): void {
  for (const c of Array.from(table.querySelectorAll<HTMLElement>('[data-key][tabindex="0"]')))
    c.tabIndex = -1;
  cell.tabIndex = 0;
}

/** Sets up the table; `activeKey` is the cell that takes the Tab stop (the first cell if missing). */
export function makeRoving(
  table: HTMLTableElement,
  activeKey: string | undefined,
  onFocus: (key: string) => void,
): void {
  const rows = keyedRows(table);
  const all = rows.flat();
  if (all.length === 0) return;
  for (const c of all) c.tabIndex = -1;
  activate(table, all.find((c) => c.dataset.key === activeKey) ?? all[0]!);
  table.addEventListener('focusin', (event) => {
    const cell = event.target as HTMLElement;
    if (cell.dataset?.key === undefined || !all.includes(cell)) return;
    activate(table, cell);
    onFocus(cell.dataset.key);
  });
  table.addEventListener('keydown', (event) => {
    const cell = event.target as HTMLElement;
    if (!all.includes(cell)) return;
    const r = rows.findIndex((row) => row.includes(cell));
    const row = rows[r]!;
    const column = columnOf(cell);
    let next: HTMLElement | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = row[row.indexOf(cell) + 1];
        break;
      case 'ArrowLeft':
        next = row[row.indexOf(cell) - 1];
        break;
      case 'ArrowDown':
        next = rows[r + 1] && nearest(rows[r + 1]!, column);
        break;
      case 'ArrowUp':
        next = rows[r - 1] && nearest(rows[r - 1]!, column);
        break;
      case 'Home':
        next = event.ctrlKey ? all[0] : row[0];
        break;
      case 'End':
        next = event.ctrlKey ? all[all.length - 1] : row[row.length - 1];
        break;
      default:
        return;
    }
    event.preventDefault();
    if (next) {
      activate(table, next);
      next.focus();
    }
  });
}
