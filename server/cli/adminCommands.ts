import { backupDatabase, createCluster, issueDeviceCode, listMembers, revokeMember } from '../admin';
import { integer, parse, required, setting } from './args';

const dataDir = (flag: unknown) => setting(flag, 'CLUSTER_LESSONS_DATA', './data');

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function clusterCreateCommand(argv: readonly string[]): 'help' | undefined {
  const { values } = parse(argv, {
    data: { type: 'string' },
    name: { type: 'string' },
    leader: { type: 'string' },
    school: { type: 'string', multiple: true },
    'leader-school': { type: 'string' },
    'invite-days': { type: 'string' },
    id: { type: 'string' },
  });
  if (values.help) return 'help';
  const created = createCluster(dataDir(values.data), {
    name: required(values.name, '--name'),
    leader: required(values.leader, '--leader'),
    schools: values.school ?? [],
    ...(values['leader-school'] === undefined ? {} : { leaderSchool: values['leader-school'] }),
    ...(values['invite-days'] === undefined
      ? {}
      : { inviteDays: integer(values['invite-days'], '--invite-days', 0, 3650)! }),
    ...(values.id === undefined ? {} : { id: values.id }),
  });
  printJson(created);
  return undefined;
}

export function memberRevokeCommand(argv: readonly string[]): 'help' | number {
  const { values } = parse(argv, { data: { type: 'string' }, member: { type: 'string' } });
  if (values.help) return 'help';
  const result = revokeMember(dataDir(values.data), required(values.member, '--member'));
  printJson(result);
  if (result.member === undefined) {
    process.stderr.write('no member with that id\n');
    return 1;
  }
  return 0;
}

export function memberDeviceCodeCommand(argv: readonly string[]): 'help' | undefined {
  const { values } = parse(argv, {
    data: { type: 'string' },
    member: { type: 'string' },
    hours: { type: 'string' },
  });
  if (values.help) return 'help';
  printJson(
    issueDeviceCode(
      dataDir(values.data),
      required(values.member, '--member'),
      integer(values.hours, '--hours', 1, 72) ?? 24,
    ),
  );
  return undefined;
}

export function memberListCommand(argv: readonly string[]): 'help' | undefined {
  const { values } = parse(argv, { data: { type: 'string' }, cluster: { type: 'string' } });
  if (values.help) return 'help';
  printJson({ members: listMembers(dataDir(values.data), required(values.cluster, '--cluster')) });
  return undefined;
}

export async function backupCommand(argv: readonly string[]): Promise<'help' | undefined> {
  const { values } = parse(argv, { data: { type: 'string' }, to: { type: 'string' } });
  if (values.help) return 'help';
  printJson(await backupDatabase(dataDir(values.data), required(values.to, '--to')));
  return undefined;
}
