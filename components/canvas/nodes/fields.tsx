import styles from "@/components/canvas/editor.module.css";
import { EXPRESSION_LIMITS } from "@/lib/runs/expression";

/** The inspector fields several node types share. */
export function LabelField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <label className={styles.field}>
      <span>Label</span>
      <input value={value} maxLength={200} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

export function JsonField({
  label,
  value,
  problems,
  onChange,
}: {
  label: string;
  value: string;
  problems: string[];
  onChange: (value: string) => void;
}) {
  return (
    <label className={styles.field}>
      <span>{label}</span>
      <textarea
        className={styles.code}
        rows={6}
        value={value}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problems.length > 0}
      />
      {problems.map((p) => (
        <span key={p} className={styles.fieldError}>
          {p}
        </span>
      ))}
    </label>
  );
}

/** A JSONata expression, typed as code. */
export function ExpressionField({
  value,
  rows,
  onChange,
}: {
  value: string;
  rows: number;
  onChange: (value: string) => void;
}) {
  return (
    <label className={styles.field}>
      <span>Expression (JSONata)</span>
      <textarea
        className={styles.code}
        rows={rows}
        value={value}
        maxLength={EXPRESSION_LIMITS.maxLength}
        spellCheck={false}
        data-reference="expression"
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
