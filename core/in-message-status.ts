/**
 * The legacy services answer every RPC with a status inside the message (legacy-api.md §5.1); both front doors
 * read it: GraphQL translates a failure into its error vocabulary (`grpc-clients/status.ts`), REST passes it on in
 * the envelope (`rest/rest-route.ts`).
 */

/** The status-in-message triple, whichever naming the service uses (legacy-api.md §5.1). */
export interface InMessageStatus {
  status: number;
  code: number;
  message: string;
}

/** Reads `Status`/`Code`/`Message` (auth, club) or `status`/`code`/`msg` (outing, schedule, announcement). */
export function statusOf(reply: object): InMessageStatus {
  const r = reply as Record<string, unknown>;
  if (typeof r.Status === 'number') {
    return { status: r.Status, code: Number(r.Code ?? 0), message: String(r.Message ?? '') };
  }
  return { status: Number(r.status ?? 0), code: Number(r.code ?? 0), message: String(r.msg ?? '') };
}
