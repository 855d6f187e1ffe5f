import type { CaughtMessage } from "@/local/mail/store";
import type { LocalStack } from "@/local/server";

/** The messages the stack's mail catcher holds for an address, newest first (through its JSON API). */
export async function inboxFor(stack: LocalStack, to: string): Promise<CaughtMessage[]> {
  const response = await fetch(`${stack.inboxUrl}/api/messages?to=${encodeURIComponent(to)}`);
  return ((await response.json()) as { messages: CaughtMessage[] }).messages;
}

/** Waits for the `count`-th email to an address and returns the newest. */
export async function nextEmail(stack: LocalStack, to: string, count = 1): Promise<CaughtMessage> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const messages = await inboxFor(stack, to);
    if (messages.length >= count && messages[0]) return messages[0];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no email #${count} to ${to} arrived`);
}

export type EmailLink = { url: URL; tokenHash: string; type: string; next: string; code: string };

/** The app link (/auth/confirm?token_hash&type&next) and the six-digit code an Auth email carries. */
export function emailLink(message: CaughtMessage): EmailLink {
  const href = /https?:\/\/\S+\/auth\/confirm\?\S+/.exec(message.text)?.[0];
  const code = /code: (\d{6})/.exec(message.text)?.[1];
  if (!href || !code) throw new Error(`no link or code in "${message.subject}": ${message.text}`);
  const url = new URL(href);
  return {
    url,
    tokenHash: url.searchParams.get("token_hash") ?? "",
    type: url.searchParams.get("type") ?? "",
    next: url.searchParams.get("next") ?? "",
    code,
  };
}

/** Just the code (reauthentication emails have no link). */
export function emailCode(message: CaughtMessage): string {
  const code = /code: (\d{6})/.exec(message.text)?.[1];
  if (!code) throw new Error(`no code in "${message.subject}"`);
  return code;
}
