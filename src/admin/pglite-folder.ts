import { access } from "node:fs/promises";
import { join } from "node:path";

/** Where the embedded database of DATA_DIR lives: the folder `openDatabase` opens (src/db/connection.ts). */
export function pgliteFolder(dataDir: string): string {
  return join(dataDir, "pglite");
}

/**
 * Whether a PGlite process holds the folder: PGlite writes postmaster.pid when it opens a data folder
 * and removes it when it closes, so the file is there while a bot runs on it (or after one ended
 * without closing: then the operator decides).
 */
export async function pgliteFolderInUse(folder: string): Promise<boolean> {
  return access(join(folder, "postmaster.pid")).then(
    () => true,
    () => false,
  );
}
