"use client";
import { useEffect, useState } from "react";
import { ExpressionError, parseExpression } from "@/lib/runs/expression";
import { assertReadableRefs } from "@/lib/runs/node-refs";
import { JsonView } from "./json-tree";
import { templateDataOf, useLastRun } from "./last-run-data";
import styles from "./runs.module.css";

type Preview = { value: unknown } | { error: string; position?: number };

/**
 * An expression's value over the last run's input and outputs, worked out as the user types; an
 * error shows the expression with a caret under the character JSONata stopped at.
 */
export function ExpressionPreview({ expression }: { expression: string }) {
  const { runId, run } = useLastRun(true);
  const [preview, setPreview] = useState<Preview | null>(null);

  useEffect(() => {
    let parsed: ReturnType<typeof parseExpression>;
    try {
      parsed = parseExpression(expression);
    } catch (error) {
      return setPreview(problem(error));
    }
    if (!run) return setPreview(null);
    const data = templateDataOf(run);
    let cancelled = false;
    Promise.resolve()
      .then(() => {
        assertReadableRefs(parsed, data.nodes, "the expression");
        return parsed.evaluate(data);
      })
      .then(
        (value) => !cancelled && setPreview({ value: value ?? null }),
        (error: unknown) => !cancelled && setPreview(problem(error)),
      );
    return () => {
      cancelled = true;
    };
  }, [expression, run]);

  if (preview && "error" in preview)
    return (
      <div className={styles.error} data-testid="expression-error">
        <p>{preview.error}</p>
        {preview.position !== undefined ? <Caret source={expression} position={preview.position} /> : null}
      </div>
    );
  if (!runId) return <p className={styles.muted}>Run the workflow once to preview the result here.</p>;
  if (!preview) return null;
  return (
    <div data-testid="expression-preview">
      <JsonView label="Result with the last run" value={preview.value} />
    </div>
  );
}

function problem(error: unknown): Preview {
  return error instanceof ExpressionError
    ? { error: error.message, position: error.position }
    : { error: (error as Error).message };
}

/** The line of the expression holding `position` (1-based), and a caret under that character. */
function Caret({ source, position }: { source: string; position: number }) {
  const index = Math.min(Math.max(position - 1, 0), source.length);
  const lineStart = source.lastIndexOf("\n", index - 1) + 1;
  const lineEnd = source.indexOf("\n", index);
  const line = source.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  return (
    <pre className={styles.pre} data-testid="expression-caret" aria-hidden>
      {line}
      {"\n"}
      {`${" ".repeat(index - lineStart)}^`}
    </pre>
  );
}
