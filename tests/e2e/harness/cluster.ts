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
 * Waits for the cluster's folder in the explorer. If it has not come (the window reloads for it,
 * which a slow machine can take long over), the teacher runs "Open Cluster" from the palette, as a
 * person would; `runFirst` runs it straight away.
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
    await teacher.runCommand('Cluster Lessons: Open Cluster');
    await teacher.waitForWorkspaceFolder(clusterName);
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
