import { randomUUID } from "node:crypto";

/** One caught email, as the inbox's JSON API returns it. */
export type CaughtMessage = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  /** ISO 8601, when the catcher received it. */
  date: string;
  text: string;
  html: string;
};

const KEEP_AT_MOST = 1000;

/** The catcher's memory: newest first, the oldest dropped beyond KEEP_AT_MOST. */
export class MessageStore {
  private messages: CaughtMessage[] = [];

  add(message: Omit<CaughtMessage, "id" | "date">): CaughtMessage {
    const stored = { id: randomUUID(), date: new Date().toISOString(), ...message };
    this.messages.unshift(stored);
    this.messages.length = Math.min(this.messages.length, KEEP_AT_MOST);
    return stored;
  }

  /** Newest first; only those sent to `to` (any recipient, case-insensitive) when given. */
  list(to?: string | null): CaughtMessage[] {
    if (!to) return [...this.messages];
    const wanted = to.trim().toLowerCase();
    return this.messages.filter((message) => message.to.some((address) => address.toLowerCase() === wanted));
  }

  get(id: string): CaughtMessage | undefined {
    return this.messages.find((message) => message.id === id);
  }

  clear() {
    this.messages = [];
  }
}
