// The states a teacher must always be able to see (DESIGN.md, "Offline").
export type SyncState =
  | { readonly kind: 'notConnected' }
  | { readonly kind: 'connecting' }
  | { readonly kind: 'synced' }
  | { readonly kind: 'syncing' }
  | { readonly kind: 'offline'; readonly pendingChanges: number }
  | { readonly kind: 'outOfSync' }
  | { readonly kind: 'denied'; readonly reason: string };
