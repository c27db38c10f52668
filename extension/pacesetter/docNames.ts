// The documents a pace-setter lives in (DESIGN.md, "Documents"): the pace-setter itself, one
// coverage document per school, and the cluster record (`meta`) that lists the pace-setters.

export function paceSetterDocName(clusterId: string, pacesetterId: string): string {
  return `${clusterId}/pacesetter/${pacesetterId}`;
}

export function coverageDocName(clusterId: string, schoolId: string): string {
  return `${clusterId}/coverage/${schoolId}`;
}

export function metaDocName(clusterId: string): string {
  return `${clusterId}/meta`;
}

/** The cluster and pace-setter of `<cluster>/pacesetter/<id>`, e.g. from a restored panel's state. */
export function parsePaceSetterDocName(
  docName: string,
): { clusterId: string; pacesetterId: string } | undefined {
  const m = /^([^/]+)\/pacesetter\/([^/]+)$/.exec(docName);
  return m ? { clusterId: m[1]!, pacesetterId: m[2]! } : undefined;
}
