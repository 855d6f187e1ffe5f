import path from "node:path";
import { describe, expect, it } from "vitest";
import { blockingFolder, planPostgresPaths } from "./postgres-paths";

const postgresUser = { uid: 999, gid: 999 };
// A fake file system: root's home is private (700), everything else the usual 755.
const modes: Record<string, { uid: number; gid: number; mode: number }> = {
  "/": { uid: 0, gid: 0, mode: 0o755 },
  "/root": { uid: 0, gid: 0, mode: 0o700 },
  "/root/tryliate": { uid: 0, gid: 0, mode: 0o755 },
  "/home": { uid: 0, gid: 0, mode: 0o755 },
  "/home/ada": { uid: 1000, gid: 1000, mode: 0o750 },
  "/home/ada/tryliate": { uid: 1000, gid: 1000, mode: 0o755 },
  "/srv": { uid: 0, gid: 0, mode: 0o755 },
  "/srv/tryliate": { uid: 0, gid: 999, mode: 0o710 },
};
const stat = (folder: string) => {
  const info = modes[folder];
  if (!info) throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
  return info;
};

describe("blockingFolder", () => {
  it("names the first folder the user may not pass through", () => {
    expect(blockingFolder("/root/tryliate/node_modules", postgresUser, stat)).toBe("/root");
    expect(blockingFolder("/home/ada/tryliate/.data", postgresUser, stat)).toBe("/home/ada");
  });

  it("lets the user through world-searchable folders, its group's, and folders not made yet", () => {
    expect(blockingFolder("/srv/tryliate/.data", postgresUser, stat)).toBeNull();
    expect(blockingFolder("/srv/new/deeper", postgresUser, stat)).toBeNull();
    expect(blockingFolder("/home/ada/tryliate", { uid: 1000, gid: 1000 }, stat)).toBeNull();
  });
});

describe("planPostgresPaths", () => {
  const base = { version: "17.6.0", sharedRoot: "/var/lib/tryliate", stat };

  it("moves binaries and data out of a private checkout when root runs Postgres as postgres", () => {
    const plan = planPostgresPaths({
      ...base,
      binDir: "/root/tryliate/node_modules/pg/native/bin",
      dataDir: "/root/tryliate/.data/postgres",
      runAs: postgresUser,
    });
    expect(plan.movedBinaries).toBe(true);
    expect(plan.movedData).toBe(true);
    expect(plan.binDir).toBe("/var/lib/tryliate/postgres-17.6.0/bin");
    expect(path.dirname(plan.dataDir)).toBe("/var/lib/tryliate/data");
    expect(path.basename(plan.dataDir)).toMatch(/^postgres-[0-9a-f]{12}$/);
  });

  it("gives two checkouts' data folders different homes", () => {
    const plan = (dataDir: string) =>
      planPostgresPaths({ ...base, binDir: "/srv/b", dataDir, runAs: postgresUser });
    expect(plan("/root/a/.data/postgres").dataDir).not.toBe(plan("/root/b/.data/postgres").dataDir);
  });

  it("moves nothing when the postgres user can reach the checkout, or when no one runs as root", () => {
    const reachable = planPostgresPaths({
      ...base,
      binDir: "/srv/tryliate/node_modules/bin",
      dataDir: "/srv/tryliate/.data/postgres",
      runAs: postgresUser,
    });
    expect(reachable).toMatchObject({
      movedBinaries: false,
      movedData: false,
      dataDir: "/srv/tryliate/.data/postgres",
    });
    const asUser = planPostgresPaths({
      ...base,
      binDir: "/root/x/bin",
      dataDir: "/root/x/.data",
      runAs: null,
    });
    expect(asUser).toMatchObject({ movedBinaries: false, movedData: false, binDir: "/root/x/bin" });
  });
});
