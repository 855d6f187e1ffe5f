"use client";

import { useState } from "react";
import { THEME_COOKIE, type ThemeChoice } from "@/lib/theme/theme";
import styles from "./theme-switch.module.css";
import hidden from "./visually-hidden.module.css";

const CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: "system", label: "Auto" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

function apply(choice: ThemeChoice) {
  const root = document.documentElement;
  if (choice === "system") delete root.dataset.theme;
  else root.dataset.theme = choice;
  const value = choice === "system" ? "; max-age=0" : `${choice}; max-age=31536000`;
  // biome-ignore lint/suspicious/noDocumentCookie: a fixed value; the Cookie Store API is not in every browser yet
  document.cookie = `${THEME_COOKIE}=${value}; path=/; samesite=lax`;
}

/** Light, dark, or the system's theme (Auto); kept in a cookie so every page opens in it. */
export function ThemeSwitch({ initial }: { initial: ThemeChoice }) {
  const [choice, setChoice] = useState(initial);
  return (
    <fieldset className={styles.switch}>
      <legend className={hidden.visuallyHidden}>Theme</legend>
      {CHOICES.map(({ value, label }) => (
        <button
          key={value}
          type="button"
          className={styles.option}
          aria-pressed={choice === value}
          onClick={() => {
            setChoice(value);
            apply(value);
          }}
        >
          {label}
        </button>
      ))}
    </fieldset>
  );
}
