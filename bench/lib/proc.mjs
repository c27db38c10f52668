// Reading /proc (Linux): a process's resident memory and CPU time, our own process tree, and
// the machine's total CPU time, so the bench can tell its own work from other people's.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat and /proc/stat (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

function readOrNull(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Resident set size in bytes, or null once the process is gone. */
export function rssBytes(pid) {
  const status = readOrNull(`/proc/${pid}/status`);
  const match = status?.match(/^VmRSS:\s+(\d+)\s+kB/m);
  return match ? Number(match[1]) * 1024 : null;
}

/** Fields of /proc/<pid>/stat after the command name (which may contain spaces). */
function statFields(pid) {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (stat === null) return null;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * CPU seconds of a process including its reaped children (utime + stime + cutime + cstime):
 * a child that exited is then still counted, through its parent.
 */
export function cpuSeconds(pid) {
  const f = statFields(pid);
  if (f === null) return null;
  // After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICKS_PER_SECOND;
}

/** Every live process id with its parent id. */
function processTable() {
  const table = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const f = statFields(name);
    if (f !== null) table.set(Number(name), Number(f[1]));
  }
  return table;
}

/** `root` and all its live descendants. */
export function processTree(root) {
  const table = processTable();
  const children = new Map();
  for (const [pid, ppid] of table) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const tree = [];
  const stack = [root];
  while (stack.length > 0 && tree.length < 10_000) {
    const pid = stack.pop();
    tree.push(pid);
    for (const child of children.get(pid) ?? []) stack.push(child);
  }
  return tree;
}

/** CPU seconds used so far by `root` and its descendants (live ones and reaped ones). */
export function treeCpuSeconds(root) {
  let total = 0;
  for (const pid of processTree(root)) total += cpuSeconds(pid) ?? 0;
  return total;
}

/** CPU seconds the whole machine spent busy (all cores), from /proc/stat. */
export function machineBusySeconds() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user).
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

/**
 * Pressure stall totals (Linux PSI): microseconds during which some task waited for a CPU, or
 * for I/O (fsync included). Null where the kernel does not provide them.
 */
export function pressureMicros() {
  const some = (resource) => {
    const text = readOrNull(`/proc/pressure/${resource}`);
    const match = text?.match(/^some .*total=(\d+)$/m);
    return match ? Number(match[1]) : null;
  };
  return { cpu: some('cpu'), io: some('io') };
}
