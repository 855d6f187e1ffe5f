"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { useTRPC } from "@/lib/trpc/client";
import styles from "./profile-form.module.css";

export type ProfileFormValues = {
  email: string | null;
  displayName: string | null;
  avatarUrl: string | null;
  color: string;
};

type FieldName = "displayName" | "avatarUrl" | "color";

export function ProfileForm({ initial }: { initial: ProfileFormValues }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(initial.displayName ?? "");
  const [avatarUrl, setAvatarUrl] = useState(initial.avatarUrl ?? "");
  const [color, setColor] = useState(initial.color);
  const [saved, setSaved] = useState(false);

  const update = useMutation(
    trpc.users.updateProfile.mutationOptions({
      onSuccess: async (profile) => {
        setDisplayName(profile.displayName ?? "");
        setAvatarUrl(profile.avatarUrl ?? "");
        setColor(profile.color);
        setSaved(true);
        queryClient.setQueryData(trpc.users.me.queryKey(), profile);
        // The header's account menu is a server component: refresh it too.
        router.refresh();
      },
    }),
  );

  const fieldErrors = (update.error?.data?.zodError?.fieldErrors ?? {}) as Partial<
    Record<FieldName, string[]>
  >;
  const formError = update.error && Object.keys(fieldErrors).length === 0 ? update.error.message : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    update.mutate({ displayName, avatarUrl, color });
  }

  const previewName = displayName.trim() || initial.email || "You";
  return (
    <form className={styles.form} method="post" onSubmit={onSubmit} aria-label="Profile">
      <div className={styles.preview}>
        <Avatar name={previewName} imageUrl={isHttps(avatarUrl) ? avatarUrl : null} color={color} size={64} />
        <div>
          <p className={styles.previewName}>{previewName}</p>
          <p className={styles.previewEmail}>{initial.email}</p>
        </div>
      </div>

      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {saved && !update.isPending ? <Alert tone="success">Profile saved.</Alert> : null}

      <TextField
        label="Display name"
        name="displayName"
        maxLength={80}
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
        error={fieldErrors.displayName?.[0]}
        hint="Shown next to your cursor when you edit a workflow with others."
      />
      <TextField
        label="Avatar URL"
        name="avatarUrl"
        type="url"
        inputMode="url"
        placeholder="https://…"
        value={avatarUrl}
        onChange={(event) => setAvatarUrl(event.target.value)}
        error={fieldErrors.avatarUrl?.[0]}
        hint="An https:// link to a square image. Leave empty to use your initials."
      />
      <div className={styles.colorRow}>
        <TextField
          label="Presence colour"
          name="colorPicker"
          type="color"
          value={/^#[0-9a-fA-F]{6}$/.test(color) ? color : "#000000"}
          onChange={(event) => setColor(event.target.value)}
          aria-label="Pick presence colour"
        />
        <TextField
          label="Hex"
          name="color"
          className={styles.hex}
          value={color}
          onChange={(event) => setColor(event.target.value)}
          error={fieldErrors.color?.[0]}
          spellCheck={false}
        />
      </div>
      <div className={styles.actions}>
        <Button type="submit" loading={update.isPending}>
          Save changes
        </Button>
      </div>
    </form>
  );
}

function isHttps(value: string): boolean {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}
