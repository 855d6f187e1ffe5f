import { z } from "zod";
import { text } from "@/lib/text/storable";

// Shared by the account form (browser) and the users router (server).

export const displayNameSchema = text()
  .trim()
  .max(80, "Display name must be at most 80 characters.")
  .transform((value) => (value === "" ? null : value));

export const avatarUrlSchema = text()
  .trim()
  .max(2048, "Avatar URL is too long.")
  .refine((value) => value === "" || isHttpsUrl(value), "Avatar URL must be an https:// address.")
  .transform((value) => (value === "" ? null : value));

export const colorSchema = text()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Colour must look like #rrggbb.")
  .transform((value) => value.toLowerCase());

export const profileUpdateSchema = z
  .object({
    displayName: displayNameSchema.optional(),
    avatarUrl: avatarUrlSchema.optional(),
    color: colorSchema.optional(),
  })
  .strict();

export type ProfileUpdateInput = z.input<typeof profileUpdateSchema>;

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.length > 0;
  } catch {
    return false;
  }
}
