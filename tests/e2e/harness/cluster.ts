import type { SyncServerProcess } from './syncServer';
import type { Workbench } from './workbench';

/** A teacher joins the cluster through "Join a Cluster…" and opens it from the notification. */
export async function joinCluster(
  teacher: Workbench,
  server: SyncServerProcess,
  cluster: { invite: string; name: string },
  person: { name: string; school: string },
): Promise<void> {
  await teacher.runCommand('Cluster Lessons: Join a Cluster…');
  await teacher.answerPrompts([server.url, cluster.invite, person.name, person.school]);
  await teacher.clickNotificationButton('Open Cluster');
  await teacher.waitForWorkspaceFolder(cluster.name);
}
