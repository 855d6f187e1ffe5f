"use client";

import { useId, useState } from "react";
import {
  type ArgError,
  fieldKind,
  initialValue,
  itemsOf,
  type JsonSchema,
  parseArgsText,
  properties,
  requiredOf,
  validateArgs,
} from "@/lib/mcp/tool-args";
import { hasTemplate } from "@/lib/runs/template";
import styles from "./schema-form.module.css";

/**
 * Arguments of a tool call, edited through a form generated from the tool's input schema or as raw
 * JSON. The value is kept as JSON text (as nodes store it); problems show at the field.
 */
export function ToolArgsEditor({
  schema,
  text,
  onChange,
}: {
  schema: JsonSchema;
  text: string;
  onChange: (text: string) => void;
}) {
  const [raw, setRaw] = useState(false);
  const parsed = parseArgsText(text);
  const errors = parsed.ok ? validateArgs(schema, parsed.value) : [];
  return (
    <div className={styles.editor}>
      <fieldset className={styles.modes} aria-label="Arguments editor">
        <button
          type="button"
          className={styles.mode}
          aria-pressed={!raw}
          disabled={!parsed.ok}
          onClick={() => setRaw(false)}
        >
          Form
        </button>
        <button type="button" className={styles.mode} aria-pressed={raw} onClick={() => setRaw(true)}>
          JSON
        </button>
      </fieldset>
      {raw || !parsed.ok ? (
        <label className={styles.field}>
          <span className={styles.name}>Arguments (JSON)</span>
          <textarea
            className={`${styles.input} ${styles.raw} nodrag`}
            value={text}
            spellCheck={false}
            aria-invalid={!parsed.ok || errors.length > 0 || undefined}
            onChange={(event) => onChange(event.target.value)}
          />
          {!parsed.ok ? <span className={styles.error}>{parsed.message}</span> : null}
          {errors.map((error) => (
            <span key={`${error.path}:${error.message}`} className={styles.error}>
              {error.path ? `${error.path}: ` : ""}
              {error.message}
            </span>
          ))}
        </label>
      ) : (
        <SchemaField
          schema={schema}
          name={null}
          path=""
          value={parsed.value}
          required
          errors={errors}
          onChange={(value) => onChange(JSON.stringify(value ?? {}, null, 2))}
        />
      )}
    </div>
  );
}

type FieldProps = {
  schema: JsonSchema;
  name: string | null;
  path: string;
  value: unknown;
  required: boolean;
  errors: ArgError[];
  onChange: (value: unknown) => void;
};

function SchemaField({ schema, name, path, value, required, errors, onChange }: FieldProps) {
  const id = useId();
  const kind = fieldKind(schema);
  const own = errors.filter((error) => error.path === path);
  const label = name ? `${(schema.title as string) || name}${required ? " *" : ""}` : null;
  const description = typeof schema.description === "string" ? schema.description : null;
  const invalid = own.length > 0 || undefined;
  const messages = (
    <>
      {description && name ? <span className={styles.hint}>{description}</span> : null}
      {own.map((error) => (
        <span key={error.message} className={styles.error} role="alert">
          {error.message}
        </span>
      ))}
    </>
  );

  if (kind === "object") {
    const props = properties(schema);
    const required = requiredOf(schema);
    const object =
      value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    return (
      <fieldset className={styles.fieldset}>
        {label ? <legend className={styles.name}>{label}</legend> : null}
        {messages}
        {Object.entries(props).map(([key, child]) => (
          <SchemaField
            key={key}
            schema={child}
            name={key}
            path={path ? `${path}.${key}` : key}
            value={object[key]}
            required={required.has(key)}
            errors={errors}
            onChange={(next) => {
              const copy = { ...object };
              if (next === undefined) delete copy[key];
              else copy[key] = next;
              onChange(copy);
            }}
          />
        ))}
      </fieldset>
    );
  }

  if (kind === "array") {
    const items = Array.isArray(value) ? value : [];
    const itemSchema = itemsOf(schema);
    return (
      <fieldset className={styles.fieldset}>
        {label ? <legend className={styles.name}>{label}</legend> : null}
        {messages}
        {items.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items have no identity of their own
          <div key={index} className={styles.item}>
            <SchemaField
              schema={itemSchema}
              name={`${name ?? "item"} ${index + 1}`}
              path={path ? `${path}.${index}` : String(index)}
              value={item}
              required
              errors={errors}
              onChange={(next) => onChange(items.map((old, i) => (i === index ? next : old)))}
            />
            <button
              type="button"
              className={styles.small}
              aria-label={`Remove ${name ?? "item"} ${index + 1}`}
              onClick={() => onChange(items.filter((_, i) => i !== index))}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className={styles.small}
          onClick={() => onChange([...items, initialValue(itemSchema) ?? null])}
        >
          Add {name ?? "item"}
        </button>
      </fieldset>
    );
  }

  if (kind === "boolean") {
    return (
      <label className={styles.field}>
        <span>
          <input
            type="checkbox"
            className="nodrag"
            checked={value === true}
            aria-invalid={invalid}
            onChange={(event) => onChange(event.target.checked)}
          />{" "}
          <span className={styles.name}>{label}</span>
        </span>
        {messages}
      </label>
    );
  }

  let control: React.ReactNode;
  if (kind === "enum") {
    const options = (schema.enum as unknown[]) ?? [];
    const index = options.findIndex((option) => JSON.stringify(option) === JSON.stringify(value));
    control = (
      <select
        id={id}
        className={`${styles.input} nodrag`}
        value={index}
        aria-invalid={invalid}
        onChange={(event) => {
          const chosen = Number(event.target.value);
          onChange(chosen < 0 ? undefined : options[chosen]);
        }}
      >
        <option value={-1}>{required ? "Choose…" : "(none)"}</option>
        {options.map((option, i) => (
          <option key={JSON.stringify(option)} value={i}>
            {typeof option === "string" ? option : JSON.stringify(option)}
          </option>
        ))}
      </select>
    );
  } else if (kind === "number" || kind === "integer") {
    control = <NumberInput id={id} value={value} invalid={invalid} onChange={onChange} />;
  } else if (kind === "string") {
    control = (
      <input
        id={id}
        className={`${styles.input} nodrag`}
        type="text"
        value={typeof value === "string" ? value : ""}
        aria-invalid={invalid}
        onChange={(event) =>
          onChange(event.target.value === "" && !required ? undefined : event.target.value)
        }
      />
    );
  } else {
    control = <JsonValueInput id={id} value={value} invalid={invalid} onChange={onChange} />;
  }
  return (
    <div className={styles.field}>
      {label ? (
        <label htmlFor={id} className={styles.name}>
          {label}
        </label>
      ) : null}
      {control}
      {messages}
    </div>
  );
}

type ValueInputProps = { id: string; value: unknown; invalid?: boolean; onChange: (value: unknown) => void };

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * A number, or a template (`{{ input.x }}`) that becomes one at run time. A text field, not
 * `type=number`: the browser reports a half-typed number ("1e", "-") as empty, which cleared the
 * field; here what is typed stays, and the value changes once it is a number.
 */
function NumberInput({ id, value, invalid, onChange }: ValueInputProps) {
  const shown = typeof value === "number" || typeof value === "string" ? String(value) : "";
  // What was typed, and the value it was typed over: shown while that value has not changed.
  const [draft, setDraft] = useState<{ text: string; over: unknown } | null>(null);
  const text = draft && Object.is(draft.over, value) ? draft.text : shown;
  const unfinished = text.trim() !== "" && !NUMBER.test(text.trim()) && !hasTemplate(text);
  return (
    <>
      <input
        id={id}
        className={`${styles.input} nodrag`}
        type="text"
        inputMode="decimal"
        value={text}
        aria-invalid={invalid || unfinished || undefined}
        onChange={(event) => {
          const typed = event.target.value;
          const trimmed = typed.trim();
          let next: unknown = value;
          if (trimmed === "") next = undefined;
          else if (hasTemplate(trimmed)) next = typed;
          else if (NUMBER.test(trimmed)) next = Number(trimmed);
          setDraft({ text: typed, over: next });
          if (next !== value) onChange(next);
        }}
      />
      {unfinished ? (
        <span className={styles.error}>
          Not a number yet (a template such as {"{{ input.x }}"} works too).
        </span>
      ) : null}
    </>
  );
}

/** A value whose schema has no simple control (unions, any): edited as JSON, kept while it does not parse. */
function JsonValueInput({ id, value, invalid, onChange }: ValueInputProps) {
  const [text, setText] = useState(value === undefined ? "" : JSON.stringify(value));
  const [broken, setBroken] = useState(false);
  return (
    <>
      <input
        id={id}
        className={`${styles.input} nodrag`}
        value={text}
        aria-invalid={invalid || broken || undefined}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value === "") return onChange(undefined);
          try {
            onChange(JSON.parse(event.target.value));
            setBroken(false);
          } catch {
            setBroken(true);
          }
        }}
      />
      {broken ? <span className={styles.error}>Not valid JSON.</span> : null}
    </>
  );
}
