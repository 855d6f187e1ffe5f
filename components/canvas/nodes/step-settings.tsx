import styles from "@/components/canvas/editor.module.css";
import type { OnError } from "@/lib/graph/nodes/step-settings";
import { RUN_LIMITS } from "@/lib/runs/status";

const ON_ERROR_CHOICES: { value: OnError; label: string }[] = [
  { value: "stop", label: "Stop the run" },
  { value: "continue", label: "Continue with the error as output" },
  { value: "error-output", label: "Take the error output" },
];

/** What a failure of this step does to the run. */
export function OnErrorField({
  value,
  onChange,
}: {
  value: OnError | undefined;
  onChange: (patch: { onError: OnError | undefined }, field: string) => void;
}) {
  return (
    <label className={styles.field}>
      <span>On error</span>
      <select
        value={value ?? ""}
        onChange={(e) =>
          onChange({ onError: (e.target.value || undefined) as OnError | undefined }, "onError")
        }
      >
        <option value="">Default: the error output if connected, else stop the run</option>
        {ON_ERROR_CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}

type RetrySettings = { retries?: number; backoffSeconds?: number; timeoutSeconds?: number };

/** Retries, the wait before the first retry, and the timeout of one attempt; empty takes the default. */
export function RetryFields({
  value,
  onChange,
}: {
  value: RetrySettings;
  onChange: (patch: RetrySettings, field: string) => void;
}) {
  return (
    <div className={styles.settingsRow}>
      <NumberField
        label="Retries"
        value={value.retries}
        placeholder={RUN_LIMITS.defaultRetries}
        min={0}
        max={RUN_LIMITS.maxRetries}
        step={1}
        onChange={(retries) => onChange({ retries }, "retries")}
      />
      <NumberField
        label="First wait (s)"
        value={value.backoffSeconds}
        placeholder={RUN_LIMITS.defaultBackoffSeconds}
        min={0}
        max={RUN_LIMITS.maxBackoffSeconds}
        step={0.5}
        onChange={(backoffSeconds) => onChange({ backoffSeconds }, "backoffSeconds")}
      />
      <NumberField
        label="Timeout (s)"
        value={value.timeoutSeconds}
        placeholder={RUN_LIMITS.defaultTimeoutSeconds}
        min={1}
        max={RUN_LIMITS.maxTimeoutSeconds}
        step={1}
        onChange={(timeoutSeconds) => onChange({ timeoutSeconds }, "timeoutSeconds")}
      />
    </div>
  );
}

function NumberField({
  label,
  value,
  placeholder,
  min,
  max,
  step,
  onChange,
}: {
  label: string;
  value: number | undefined;
  placeholder: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number | undefined) => void;
}) {
  return (
    <label className={styles.field}>
      <span>{label}</span>
      <input
        type="number"
        inputMode="decimal"
        value={value ?? ""}
        placeholder={String(placeholder)}
        min={min}
        max={max}
        step={step}
        onChange={(e) => onChange(clamped(e.target.value, min, max, step === 1))}
      />
    </label>
  );
}

/** Empty (or not a number) is "the default"; anything else is kept within the field's range. */
function clamped(text: string, min: number, max: number, whole: boolean): number | undefined {
  const parsed = Number(text);
  if (text.trim() === "" || !Number.isFinite(parsed)) return undefined;
  const bounded = Math.min(max, Math.max(min, parsed));
  return whole ? Math.round(bounded) : bounded;
}
