import { createHash } from "node:crypto";
import { type Stats, statSync } from "node:fs";
import path from "node:path";

export type OsUser = { uid: number; gid: number };
type Stat = (folder: string) => Pick<Stats, "uid" | "gid" | "mode">;

/** Where the binaries and the data of one embedded cluster live. */
export type PostgresPaths = { binDir: string; dataDir: string; movedBinaries: boolean; movedData: boolean };

/**
 * The first folder on the way to `target` that `user` may not pass through, or null. Folders that do
 * not exist yet are made later with mode 755, so only existing ones can block.
 */
export function blockingFolder(target: string, user: OsUser, stat: Stat = statSync): string | null {
  const folders: string[] = [];
  for (let folder = path.resolve(target); ; folder = path.dirname(folder)) {
    folders.unshift(folder);
    if (path.dirname(folder) === folder) break;
  }
  for (const folder of folders) {
    let info: ReturnType<Stat>;
    try {
      info = stat(folder);
    } catch {
      return null;
    }
    if (!mayEnter(info, user)) return folder;
  }
  return null;
}

function mayEnter(info: ReturnType<Stat>, user: OsUser): boolean {
  if (info.uid === user.uid) return (info.mode & 0o100) !== 0;
  if (info.gid === user.gid) return (info.mode & 0o010) !== 0;
  return (info.mode & 0o001) !== 0;
}

/**
 * Postgres refuses to run as root, so a root process runs it as the `postgres` user. A checkout in a
 * private folder (root's home is mode 700) is out of that user's reach: then the binaries are copied
 * to, and the data kept in, a folder under `sharedRoot` that it can reach. Other users run Postgres
 * as themselves, so nothing moves.
 */
export function planPostgresPaths(options: {
  binDir: string;
  dataDir: string;
  version: string;
  runAs: OsUser | null;
  sharedRoot: string;
  stat?: Stat;
}): PostgresPaths {
  const { binDir, dataDir, version, runAs, sharedRoot, stat = statSync } = options;
  const resolvedData = path.resolve(dataDir);
  if (!runAs) return { binDir, dataDir: resolvedData, movedBinaries: false, movedData: false };
  const movedBinaries = blockingFolder(binDir, runAs, stat) !== null;
  const movedData = blockingFolder(path.dirname(resolvedData), runAs, stat) !== null;
  const digest = createHash("sha256").update(resolvedData).digest("hex").slice(0, 12);
  return {
    binDir: movedBinaries ? path.join(sharedRoot, `postgres-${version}`, "bin") : binDir,
    dataDir: movedData
      ? path.join(sharedRoot, "data", `${path.basename(resolvedData)}-${digest}`)
      : resolvedData,
    movedBinaries,
    movedData,
  };
}
