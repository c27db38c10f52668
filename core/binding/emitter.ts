// A minimal event emitter whose `event` has the shape of vscode.Event (listener in,
// disposable out), so the glue can hand it on or wrap it without adapters.

export interface Subscription {
  dispose(): void;
}

export type Listener<T> = (value: T) => void;

export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  readonly event = (listener: Listener<T>): Subscription => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  clear(): void {
    this.listeners.clear();
  }
}

/** Promises waiting for a moment (idle, the next change event), all released together. */
export class Waiters {
  private waiting: (() => void)[] = [];

  wait(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  releaseAll(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const release of waiting) release();
  }
}
