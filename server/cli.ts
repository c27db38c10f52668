// The `cluster-lessons-server` command (bundled to dist/server/cli.js).
import {
  backupCommand,
  clusterCreateCommand,
  memberDeviceCodeCommand,
  memberListCommand,
  memberRevokeCommand,
} from './cli/adminCommands';
import { UsageError } from './cli/args';
import { HELP } from './cli/help';
import { serveCommand } from './cli/serveCommand';
import { DirectoryError } from './directory/directory';
import { VERSION } from './syncServer';

type Command = (
  argv: readonly string[],
) => 'help' | number | undefined | Promise<'help' | number | undefined>;

const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  'cluster create': clusterCreateCommand,
  'member revoke': memberRevokeCommand,
  'member list': memberListCommand,
  'member device-code': memberDeviceCodeCommand,
  backup: backupCommand,
};

async function main(argv: readonly string[]): Promise<number | undefined> {
  const [first, second] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? argv.slice(1).join(' ') : '';
    process.stdout.write(HELP[topic] ?? HELP.main!);
    return 0;
  }
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const twoWords = `${first} ${second ?? ''}`.trim();
  const name = COMMANDS[twoWords] ? twoWords : COMMANDS[first] ? first : undefined;
  if (name === undefined) {
    process.stderr.write(`unknown command "${twoWords}"\n\n${HELP.main}`);
    return 2;
  }
  const result = await COMMANDS[name]!(argv.slice(name.split(' ').length));
  if (result === 'help') {
    process.stdout.write(HELP[name]!);
    return 0;
  }
  // `serve` keeps running until a signal; the others finish here.
  return typeof result === 'number' ? result : name === 'serve' ? undefined : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\nSee --help.\n`);
      process.exitCode = 2;
    } else if (error instanceof DirectoryError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
