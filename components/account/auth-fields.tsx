import type { ReactNode } from "react";
import { TextField } from "@/components/ui/text-field";

type FieldProps = {
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
  autoFocus?: boolean;
};

/** The email address of the auth forms. */
export function EmailField({
  value,
  onChange,
  invalid,
  autoFocus,
  label = "Email",
}: FieldProps & { label?: string }) {
  return (
    <TextField
      label={label}
      name="email"
      type="email"
      autoComplete="email"
      placeholder="you@company.com"
      required
      autoFocus={autoFocus}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      aria-invalid={invalid || undefined}
    />
  );
}

/** A one-time code: from an email, or from an authenticator app (6 digits). */
export function CodeField({
  label,
  value,
  onChange,
  autoFocus,
  hint,
}: FieldProps & { label: string; hint?: ReactNode }) {
  return (
    <TextField
      label={label}
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]{6,10}"
      maxLength={10}
      required
      autoFocus={autoFocus}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      hint={hint}
    />
  );
}

/** A password being chosen (sign-up, reset, change). */
export function NewPasswordField({
  value,
  onChange,
  invalid,
  autoFocus,
  label = "New password",
  hint = "At least 6 characters; longer is stronger.",
  trailing,
}: FieldProps & { label?: string; hint?: ReactNode; trailing?: ReactNode }) {
  return (
    <TextField
      label={label}
      name="password"
      type="password"
      autoComplete="new-password"
      required
      autoFocus={autoFocus}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      aria-invalid={invalid || undefined}
      hint={hint}
      trailing={trailing}
    />
  );
}
