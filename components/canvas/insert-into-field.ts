/** A field of the inspector a mapped reference can go into: a text input or a textarea. */
export type TextField = HTMLInputElement | HTMLTextAreaElement;

export function isTextField(target: EventTarget | null): target is TextField {
  if (target instanceof HTMLTextAreaElement) return !target.readOnly && !target.disabled;
  return (
    target instanceof HTMLInputElement &&
    (target.type === "text" || target.type === "search") &&
    !target.readOnly &&
    !target.disabled
  );
}

/**
 * Puts `text` where the field's caret was (over its selection) the way typing would: through the
 * element's own value setter and an `input` event, so React's onChange sees an ordinary edit.
 */
export function insertIntoField(field: TextField, text: string): void {
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? start;
  const next = field.value.slice(0, start) + text + field.value.slice(end);
  const prototype =
    field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, "value")?.set?.call(field, next);
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.focus();
  field.setSelectionRange(start + text.length, start + text.length);
}
