import type { Adapter, AdapterPayload } from "oidc-provider";

type Entry = { payload: AdapterPayload; expiresAt: number };

/** oidc-provider's storage in memory, one store per model name (the provider is for dev and tests only). */
export function memoryAdapterFactory() {
  const stores = new Map<string, Map<string, Entry>>();
  return (name: string) => {
    const store = stores.get(name) ?? new Map<string, Entry>();
    stores.set(name, store);
    return new MemoryAdapter(store);
  };
}

class MemoryAdapter implements Adapter {
  constructor(private readonly store: Map<string, Entry>) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
    this.store.set(id, {
      payload,
      expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY,
    });
  }

  async find(id: string) {
    const entry = this.store.get(id);
    if (!entry || entry.expiresAt < Date.now()) return undefined;
    return entry.payload;
  }

  async findByUserCode(userCode: string) {
    return [...this.store.values()].find((entry) => entry.payload.userCode === userCode)?.payload;
  }

  async findByUid(uid: string) {
    return [...this.store.values()].find((entry) => entry.payload.uid === uid)?.payload;
  }

  async consume(id: string) {
    const entry = this.store.get(id);
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string) {
    this.store.delete(id);
  }

  async revokeByGrantId(grantId: string) {
    for (const [id, entry] of this.store) if (entry.payload.grantId === grantId) this.store.delete(id);
  }
}
