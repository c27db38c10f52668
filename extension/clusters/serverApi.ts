import type { ClusterInfo, InvitePreview, Member } from '../../core/cluster/model';
import type { Expertise } from '../../core/pacesetter/types';
import type { PlanSummary } from '../../core/plan/catalog';
import type { RoundInfo } from '../../core/review/types';

/** What a teacher fills in to open a round (or a leader to propose one, with `teacher`). */
export interface RoundRequest {
  readonly plan: string;
  readonly observers: readonly string[];
  readonly sharedWith?: readonly string[];
  readonly date: string;
  readonly className?: string;
  readonly focusQuestions?: readonly string[];
  readonly lessonStudy?: boolean;
  readonly teacher?: string;
}

/** What the observed teacher may change in a round. */
export interface RoundPatch {
  readonly date?: string;
  readonly className?: string;
  readonly focusQuestions?: readonly string[];
  readonly observers?: readonly string[];
  readonly developmental?: boolean;
  readonly lessonStudy?: boolean;
  readonly status?: 'open' | 'completed';
}

/** An HTTP error from the cluster server, with the server's own explanation when it gave one. */
export class ServerApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The server's error code (`invalid`, `forbidden`, `not-found`, …). */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The cluster server's small HTTP API (tokens go in the Authorization header, never in URLs). */
export class ServerApi {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  static normalise(url: string): string {
    return url.trim().replace(/\/+$/, '');
  }

  /** The websocket address of the same server. */
  get wsUrl(): string {
    return this.baseUrl.replace(/^http/, 'ws');
  }

  previewInvite(invite: string): Promise<InvitePreview> {
    return this.call('GET', `/api/invites/${encodeURIComponent(invite)}`);
  }

  join(invite: string, name: string, school: string): Promise<{ token: string; member: Member }> {
    return this.call('POST', '/api/join', { invite, name, school });
  }

  me(): Promise<{ member: Member; cluster: ClusterInfo }> {
    return this.call('GET', '/api/me');
  }

  listPlans(): Promise<{ plans: PlanSummary[] }> {
    return this.call('GET', '/api/plans');
  }

  deletePlan(id: string): Promise<unknown> {
    return this.call('DELETE', `/api/plans/${encodeURIComponent(id)}`);
  }

  restorePlan(id: string): Promise<unknown> {
    return this.call('POST', `/api/plans/${encodeURIComponent(id)}/restore`);
  }

  members(): Promise<{ members: Member[] }> {
    return this.call('GET', '/api/members');
  }

  listRounds(): Promise<{ rounds: RoundInfo[] }> {
    return this.call('GET', '/api/rounds');
  }

  createRound(request: RoundRequest): Promise<{ round: RoundInfo }> {
    return this.call('POST', '/api/rounds', request);
  }

  acceptRound(id: string): Promise<{ round: RoundInfo }> {
    return this.call('POST', `/api/rounds/${encodeURIComponent(id)}/accept`, {});
  }

  declineRound(id: string, reason?: string): Promise<{ round: RoundInfo }> {
    return this.call('POST', `/api/rounds/${encodeURIComponent(id)}/decline`, reason ? { reason } : {});
  }

  patchRound(id: string, patch: RoundPatch): Promise<{ round: RoundInfo }> {
    return this.call('PATCH', `/api/rounds/${encodeURIComponent(id)}`, patch);
  }

  shareRound(id: string, members: readonly string[]): Promise<{ round: RoundInfo }> {
    return this.call('POST', `/api/rounds/${encodeURIComponent(id)}/share`, { members });
  }

  /** What the server holds of a document: its state vector (base64) and the digest of its text. */
  digest(docName: string): Promise<{ stateVector: string; digest: string }> {
    return this.call('GET', `/api/docs/digest?doc=${encodeURIComponent(docName)}`);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) {
      const body = parsed as { error?: string; code?: string } | undefined;
      throw new ServerApiError(response.status, body?.error ?? response.statusText, body?.code);
    }
    return parsed as T;
  }

  /** Signs in on this device as the existing member a device code names; a new token for them. */
  signInWithDeviceCode(code: string): Promise<{ token: string; member: Member }> {
    return this.call('POST', '/api/join', { invite: code });
  }

  /** A one-time code that signs the caller in on another device (valid 24 hours). */
  deviceCode(): Promise<{ code: string; expiresAt: string }> {
    return this.call('POST', '/api/me/device-code', {});
  }

  /** Who in the caller's cluster is confident to help with which topics (active members who named any). */
  expertise(): Promise<{ expertise: Expertise[] }> {
    return this.call('GET', '/api/expertise');
  }

  /** Replaces the caller's own topics; the answer has them as the server kept them (tidied, no repeats). */
  setMyExpertise(topics: readonly string[]): Promise<{ expertise: Expertise }> {
    return this.call('PUT', '/api/me/expertise', { topics });
  }
}
