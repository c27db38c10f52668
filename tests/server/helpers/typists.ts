// Clients that keep typing into a plan until told to stop, as teachers do while a server restarts.
import type { Client } from './clients';
import { sleep } from './clients';

export interface Typists {
  stop(): Promise<void>;
}

export function keepTyping(clients: readonly Client[], everyMs = 4): Typists {
  let running = true;
  const loops = clients.map(async (client, who) => {
    let i = 0;
    while (running) {
      const text = client.text;
      text.insert(Math.floor(Math.random() * (text.length + 1)), `${who}.${i++} `);
      await sleep(everyMs);
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}
