// A child process for the crash test: saves notes as fast as it can and reports each save on
// stdout only after `write` returned — i.e. after the store acknowledged it as durable.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { openTestStore } from './test-store';

const dir = process.argv[2]!;
const { store } = await openTestStore(dir, { compactAfterBytes: 16 * 1024 });
store.write(() => store.run('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT)'));
let next = Number(store.get('SELECT COALESCE(MAX(id), 0) AS n FROM notes')?.n ?? 0) + 1;

function report(line: string): void {
  const bytes = Buffer.from(line);
  for (let written = 0; written < bytes.length; ) {
    try {
      written += fs.writeSync(1, bytes, written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

report('ready\n');
for (;;) {
  const id = next++;
  // Varying sizes so kills land inside entries of different lengths.
  store.write(() => store.run('INSERT INTO notes (id, body) VALUES (?, ?)', [id, randomBytes(16 + (id % 7) * 300).toString('hex')]));
  report(`ack ${id}\n`);
  if (id % 25 === 0) await new Promise((resolve) => setImmediate(resolve)); // let background snapshots run
}
