"use client";

import { useEffect } from "react";

type Actions = {
  search: () => void;
  undo: () => void;
  redo: () => void;
  copy: () => void;
  paste: () => void;
  remove: () => void;
  help: () => void;
};

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Editor shortcuts; text fields keep their own Ctrl+Z, Ctrl+C and Backspace. */
export function useEditorKeys(actions: Actions) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.metaKey || event.ctrlKey;
      const key = event.key.toLowerCase();
      if (mod && key === "k") {
        event.preventDefault();
        actions.search();
        return;
      }
      if (typingIn(event.target)) return;
      if (mod && key === "z") {
        event.preventDefault();
        if (event.shiftKey) actions.redo();
        else actions.undo();
      } else if (mod && key === "y") {
        event.preventDefault();
        actions.redo();
      } else if (mod && key === "c") {
        actions.copy();
      } else if (mod && key === "v") {
        event.preventDefault();
        actions.paste();
      } else if (event.key === "?" && !mod) {
        event.preventDefault();
        actions.help();
      } else if (key === "delete" || key === "backspace") {
        event.preventDefault();
        actions.remove();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [actions]);
}
