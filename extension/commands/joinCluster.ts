import * as vscode from 'vscode';
import type { InvitePreview } from '../../core/cluster/model';
import type { ClusterAccounts } from '../clusters/accounts';
import { roleLabel } from '../clusters/roleLabel';
import { ServerApi, ServerApiError } from '../clusters/serverApi';
import { serverUrl } from './checkServer';

/** The server adds `member` when the code is a device code: whom it signs in as. */
interface CodePreview extends InvitePreview {
  readonly member?: { readonly name: string; readonly school: string };
}

interface Deps {
  readonly accounts: ClusterAccounts;
  readonly log: vscode.LogOutputChannel;
}

function validUrl(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? undefined
      : vscode.l10n.t('The address starts with http:// or https://');
  } catch {
    return vscode.l10n.t('This is not a web address. Example: https://cluster.example.org');
  }
}

/** What went wrong, said so that a teacher knows what to do next. */
export function explainJoinError(error: unknown, url: string, deviceCode = false): string {
  if (error instanceof ServerApiError) {
    if (deviceCode && (error.status === 404 || error.status === 403 || error.status === 410)) {
      return vscode.l10n.t(
        'That device code is not valid: it may be mistyped, used already or expired. Ask your cluster leader for a new device code. ({0})',
        error.message,
      );
    }
    if (error.status === 404 || error.status === 403 || error.status === 410) {
      return vscode.l10n.t(
        'That invite code is not valid: it may be mistyped, expired or withdrawn. Ask your cluster leader for a new code. ({0})',
        error.message,
      );
    }
    if (error.status === 400)
      return vscode.l10n.t('The server could not accept these details: {0}', error.message);
    return vscode.l10n.t(
      'The server answered with an error ({0}): {1}. Try again later.',
      error.status,
      error.message,
    );
  }
  return vscode.l10n.t(
    'Cannot reach the cluster server at {0}. Check the address and your connection, then try again.',
    url,
  );
}

/**
 * "Join a Cluster…": server address → invite code → name → school, then the token goes to SecretStorage.
 * A device code (the preview names a member) skips name and school: it signs in as that existing member.
 */
export function registerJoinCluster({ accounts, log }: Deps): vscode.Disposable {
  return vscode.commands.registerCommand('clusterLessons.joinCluster', async () => {
    const title = vscode.l10n.t('Join a Cluster');
    const address = await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('Address of your cluster server'),
      value: serverUrl(),
      ignoreFocusOut: true,
      validateInput: validUrl,
    });
    if (!address) return;
    const api = new ServerApi(ServerApi.normalise(address));
    const invite = (
      await vscode.window.showInputBox({
        title,
        prompt: vscode.l10n.t('Invite code or device code from your cluster leader'),
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Type the invite code')),
      })
    )?.trim();
    if (!invite) return;
    let preview: CodePreview | undefined;
    try {
      preview = await api.previewInvite(invite);
    } catch (error) {
      void vscode.window.showErrorMessage(explainJoinError(error, api.baseUrl));
      return;
    }
    if (preview.member !== undefined) {
      await signInAs(api, invite, preview.member, { accounts, log });
      return;
    }
    const name = (
      await vscode.window.showInputBox({
        title: `${title}: ${preview.clusterName}`,
        prompt: vscode.l10n.t('Your name, as colleagues will see it'),
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Type your name')),
      })
    )?.trim();
    if (!name) return;
    const school = await vscode.window.showQuickPick([...preview.schools], {
      title: `${title}: ${preview.clusterName}`,
      placeHolder: vscode.l10n.t('Your school'),
      ignoreFocusOut: true,
    });
    if (!school) return;
    try {
      const joined = await api.join(invite, name, school);
      const me = await new ServerApi(api.baseUrl, joined.token).me();
      await accounts.add(
        { serverUrl: api.baseUrl, clusterId: me.cluster.id, clusterName: me.cluster.name, member: me.member },
        joined.token,
      );
      log.info(`Joined cluster ${me.cluster.id} as ${me.member.role} (${me.member.id})`);
      const open = vscode.l10n.t('Open Cluster');
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('You joined {0} as a {1} of {2}.', me.cluster.name, roleLabel(me.member.role), school),
        open,
      );
      if (choice === open) await vscode.commands.executeCommand('clusterLessons.openCluster', me.cluster.id);
    } catch (error) {
      log.warn(`Join failed: ${String(error)}`);
      void vscode.window.showErrorMessage(explainJoinError(error, api.baseUrl));
    }
  });
}

/** A device code: say whom it signs in as, then sign in as that existing member with a new token. */
async function signInAs(
  api: ServerApi,
  code: string,
  member: { readonly name: string; readonly school: string },
  { accounts, log }: Deps,
): Promise<void> {
  const signIn = vscode.l10n.t('Sign In');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('This code signs you in as {0} of {1} on this device.', member.name, member.school),
    { modal: true },
    signIn,
  );
  if (choice !== signIn) return;
  try {
    const signedIn = await api.signInWithDeviceCode(code);
    const me = await new ServerApi(api.baseUrl, signedIn.token).me();
    await accounts.add(
      { serverUrl: api.baseUrl, clusterId: me.cluster.id, clusterName: me.cluster.name, member: me.member },
      signedIn.token,
    );
    log.info(
      `Signed in to cluster ${me.cluster.id} with a device code as ${me.member.role} (${me.member.id})`,
    );
    const open = vscode.l10n.t('Open Cluster');
    const opened = await vscode.window.showInformationMessage(
      vscode.l10n.t('You are signed in to {0} as {1} on this device.', me.cluster.name, me.member.name),
      open,
    );
    if (opened === open) await vscode.commands.executeCommand('clusterLessons.openCluster', me.cluster.id);
  } catch (error) {
    log.warn(`Sign-in with a device code failed: ${String(error)}`);
    void vscode.window.showErrorMessage(explainJoinError(error, api.baseUrl, true));
  }
}
