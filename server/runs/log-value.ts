import { type CutValue, RUN_LIMITS } from "@/lib/runs/status";

/**
 * A step's input or output as the log keeps it: whole up to the cap, else its JSON text cut at the
 * cap, marked, with the original size. Never cut silently.
 */
export function loggedValue(value: unknown, cap: number = RUN_LIMITS.maxLoggedValueBytes): unknown {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  const bytes = Buffer.byteLength(text);
  if (bytes <= cap) return value;
  const kept = Buffer.from(text)
    .subarray(0, cap)
    .toString("utf8")
    .replace(/\uFFFD$/, "");
  const cut: CutValue = { $cut: { originalBytes: bytes, keptBytes: Buffer.byteLength(kept) }, text: kept };
  return cut;
}
