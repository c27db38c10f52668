import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReplicaFiles } from '../../../core/replica/replicaFiles';

/** ReplicaFiles over real files under `root`: what workspace.fs does for the extension. */
export function nodeReplicaFiles(root: string): ReplicaFiles & { writes: number } {
  const files = {
    writes: 0,
    async read(p: string) {
      try {
        return new Uint8Array(await readFile(path.join(root, p)));
      } catch {
        return undefined;
      }
    },
    async write(p: string, data: Uint8Array) {
      await mkdir(path.dirname(path.join(root, p)), { recursive: true });
      await writeFile(path.join(root, p), data);
      files.writes++;
    },
    async delete(p: string) {
      await rm(path.join(root, p), { force: true });
    },
    async list(dir: string) {
      try {
        return await readdir(path.join(root, dir));
      } catch {
        return [];
      }
    },
  };
  return files;
}
