export type ResealReport = { reencrypted: number; skipped: number };

/**
 * Re-seals sealed rows to the keyring's current key, a batch at a time, until `read` finds none
 * left. `replace` is a compare-and-swap: a row changed meanwhile (it answers false) is counted as
 * skipped and left to the next run, so the command can be interrupted and run again.
 */
export async function resealRows<Row extends { id: string }>(
  batch: number,
  read: (limit: number) => Promise<Row[]>,
  replace: (row: Row) => Promise<boolean>,
): Promise<ResealReport> {
  const report: ResealReport = { reencrypted: 0, skipped: 0 };
  const raced = new Set<string>();
  for (;;) {
    const rows = (await read(batch + raced.size)).filter((row) => !raced.has(row.id));
    if (rows.length === 0) return report;
    for (const row of rows) {
      if (await replace(row)) report.reencrypted++;
      else {
        raced.add(row.id);
        report.skipped++;
      }
    }
  }
}
