// The documents in memory. A document is loaded when its first connection arrives and unloaded
// (after its updates are stored and its log compacted) a little while after its last one leaves;
// the delay spares a reload when a flaky connection comes straight back.
import type { LogSink } from '../log';
import { Room, type RoomDeps } from './room';

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly unloadTimers = new Map<Room, NodeJS.Timeout>();

  constructor(
    private readonly deps: Omit<RoomDeps, 'empty'>,
    private readonly unloadDelayMs: number,
    private readonly log: LogSink,
  ) {}

  get size(): number {
    return this.rooms.size;
  }

  get(name: string): Room | undefined {
    return this.rooms.get(name);
  }

  all(): Room[] {
    return [...this.rooms.values()];
  }

  /** The room for a document, loading it if needed. Connections attached while it loads wait. */
  open(name: string): Room {
    const existing = this.rooms.get(name);
    if (existing !== undefined && existing.status !== 'failed' && existing.status !== 'unloaded') {
      this.cancelUnload(existing);
      return existing;
    }
    const room = new Room(name, { ...this.deps, empty: (r) => this.scheduleUnload(r) });
    this.rooms.set(name, room);
    void room.load().then((loaded) => {
      if (!loaded && this.rooms.get(name) === room) this.rooms.delete(name);
    });
    return room;
  }

  /** Unloads every room with no connections; used at shutdown after connections are closed. */
  async unloadAll(): Promise<void> {
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    await Promise.all(this.all().map((room) => this.unload(room)));
  }

  private scheduleUnload(room: Room): void {
    this.cancelUnload(room);
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room);
      void this.unload(room);
    }, this.unloadDelayMs);
    timer.unref();
    this.unloadTimers.set(room, timer);
  }

  private cancelUnload(room: Room): void {
    const timer = this.unloadTimers.get(room);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.unloadTimers.delete(room);
  }

  private async unload(room: Room): Promise<void> {
    if (room.connections.size > 0) return;
    const done = await room.unload();
    if (done && this.rooms.get(room.name) === room) {
      this.rooms.delete(room.name);
      this.log({ level: 'debug', msg: 'document unloaded', doc: room.name });
    }
  }
}
