// @hocuspocus/server 4.x as shipped, without extensions: what an administrator gets from its
// README. Run with Node 24 (Hocuspocus 4 needs Node 22 or later). Prints {"port": N} when ready.
import { Server } from '@hocuspocus/server';

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: true });
await server.listen();
process.stdout.write(`${JSON.stringify({ port: server.address.port, node: process.version })}\n`);
