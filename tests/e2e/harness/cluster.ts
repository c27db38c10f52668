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
  await openClusterFolder(teacher, cluster.name, false);
}

/**
 * Waits for the cluster's folder in the explorer. Adding it turns the window into an untitled
 * multi-root workspace and reloads it, which a slow machine can take long over. If the folder has
 * not come, the teacher does what a person would: reloads the window (once, code-server came back
 * from that reload with no folders at all, though the workspace file on disk had both), and if
 * that does not bring it, opens her own folder again and runs "Open Cluster" from the palette.
 * `runFirst` runs "Open Cluster" straight away.
 */
export async function openClusterFolder(
  teacher: Workbench,
  clusterName: string,
  runFirst = true,
): Promise<void> {
  if (runFirst) await teacher.runCommand('Cluster Lessons: Open Cluster');
  try {
    await teacher.waitForWorkspaceFolder(clusterName, 45_000);
  } catch {
    try {
      await teacher.reload();
      await teacher.waitForWorkspaceFolder(clusterName, 30_000);
    } catch {
      // In an empty window "Open Cluster" would open the cluster as the only folder, which has no
      // folder row in the explorer; from the teacher's folder it adds the cluster beside it.
      await teacher.reopenStartFolder();
      await teacher.runCommand('Cluster Lessons: Open Cluster');
      await teacher.waitForWorkspaceFolder(clusterName);
    }
  }
  // VS Code for the Web reloads into an untitled multi-root workspace, where the folder's
  // `workbench.startupEditor: none` no longer applies: a Welcome page opens late and takes focus
  // from whatever the teacher does next. She would close it; so does the test.
  const welcome = teacher.page.locator('.tabs-container .tab', { hasText: 'Welcome' });
  if (
    await welcome.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    )
  )
    await teacher.closeAllEditors();
}
