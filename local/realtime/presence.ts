import { randomBytes } from "node:crypto";
import type { Channel } from "./types";

type Meta = Record<string, unknown> & { phx_ref: string };
export type PresenceDiff = {
  joins: Record<string, { metas: Meta[] }>;
  leaves: Record<string, { metas: Meta[] }>;
};

function newRef(): string {
  return randomBytes(9).toString("base64url");
}

/** Presence per room (a topic, private or public): each channel tracks at most one meta under its presence key. */
export class PresenceRegistry {
  private readonly topics = new Map<string, Map<Channel, { key: string; meta: Meta }>>();

  state(room: string): Record<string, { metas: Meta[] }> {
    const state: Record<string, { metas: Meta[] }> = {};
    for (const { key, meta } of this.topics.get(room)?.values() ?? []) {
      const entry = state[key] ?? { metas: [] };
      entry.metas.push(meta);
      state[key] = entry;
    }
    return state;
  }

  /** Tracks or updates; returns the diff to fan out, or null when nothing changed. */
  track(channel: Channel, payload: Record<string, unknown>): PresenceDiff | null {
    const entries = this.topics.get(channel.room) ?? new Map();
    this.topics.set(channel.room, entries);
    const previous = entries.get(channel);
    if (previous && sameMeta(previous.meta, payload)) return null;
    const meta: Meta = { ...payload, phx_ref: newRef() };
    if (previous) meta.phx_ref_prev = previous.meta.phx_ref;
    entries.set(channel, { key: channel.presenceKey, meta });
    return {
      joins: { [channel.presenceKey]: { metas: [meta] } },
      leaves: previous ? { [previous.key]: { metas: [previous.meta] } } : {},
    };
  }

  untrack(channel: Channel): PresenceDiff | null {
    const entries = this.topics.get(channel.room);
    const previous = entries?.get(channel);
    if (!entries || !previous) return null;
    entries.delete(channel);
    if (entries.size === 0) this.topics.delete(channel.room);
    const { phx_ref_prev: _prev, ...meta } = previous.meta;
    return { joins: {}, leaves: { [previous.key]: { metas: [meta as Meta] } } };
  }
}

function sameMeta(meta: Meta, payload: Record<string, unknown>): boolean {
  const { phx_ref: _ref, phx_ref_prev: _prev, ...rest } = meta;
  return JSON.stringify(rest) === JSON.stringify(payload);
}
