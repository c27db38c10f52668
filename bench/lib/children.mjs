// Every process the bench starts is registered here, so that none outlives the bench: when the
// orchestrator exits (also after an error or Ctrl-C) whatever is still running is killed.
const running = new Set();

export function track(child, { group = false } = {}) {
  const entry = { child, group };
  running.add(entry);
  child.once('exit', () => running.delete(entry));
  return child;
}

function killAll() {
  for (const { child, group } of running) {
    try {
      if (group) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      // Gone already.
    }
  }
  running.clear();
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}
