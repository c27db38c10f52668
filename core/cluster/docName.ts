// Document names are paths the server can parse before it sends a single byte:
// `<cluster>/meta` or `<cluster>/<kind>/<id>` (see DESIGN.md, "Documents").

export const DOC_KINDS = ['meta', 'pacesetter', 'coverage', 'plan', 'review'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export interface DocName {
  readonly cluster: string;
  readonly kind: DocKind;
  /** Empty for `meta`, which has one document per cluster. */
  readonly id: string;
}

export type DocNameResult = { ok: true; name: DocName } | { ok: false; reason: string };

const CLUSTER_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const DOC_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isClusterId(value: string): boolean {
  return CLUSTER_ID.test(value);
}

export function isDocId(value: string): boolean {
  return DOC_ID.test(value) && !value.includes('..');
}

function isKind(value: string): value is DocKind {
  return (DOC_KINDS as readonly string[]).includes(value);
}

export function parseDocName(raw: string): DocNameResult {
  const parts = raw.split('/');
  const [cluster, kind, id] = parts;
  if (cluster === undefined || !isClusterId(cluster)) {
    return { ok: false, reason: 'malformed cluster id in document name' };
  }
  if (kind === undefined || !isKind(kind)) {
    return { ok: false, reason: 'unknown document kind' };
  }
  if (kind === 'meta') {
    return parts.length === 2
      ? { ok: true, name: { cluster, kind, id: '' } }
      : { ok: false, reason: 'a meta document name has no id' };
  }
  if (parts.length !== 3 || id === undefined || !isDocId(id)) {
    return { ok: false, reason: 'malformed document id' };
  }
  return { ok: true, name: { cluster, kind, id } };
}

export function formatDocName(name: DocName): string {
  return name.kind === 'meta' ? `${name.cluster}/meta` : `${name.cluster}/${name.kind}/${name.id}`;
}
