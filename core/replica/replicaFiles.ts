// The few file operations a local replica needs. The extension implements them with
// `vscode.workspace.fs` over `globalStorageUri` (desktop and web); tests use real Node files.
export interface ReplicaFiles {
  /** The file's bytes, or undefined when it does not exist. */
  read(path: string): Promise<Uint8Array | undefined>;
  write(path: string, data: Uint8Array): Promise<void>;
  delete(path: string): Promise<void>;
  /** Names (not paths) of the files directly inside `dir`; empty when it does not exist. */
  list(dir: string): Promise<string[]>;
}
