// The few globals that every runtime of core/ has (Node, web worker, webview), declared here so
// that core/tsconfig.json can prove core/ uses nothing else of Node or the DOM. The root
// tsconfig excludes this file: there, the real Node and DOM declarations apply.
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  decode(input?: Uint8Array): string;
}
