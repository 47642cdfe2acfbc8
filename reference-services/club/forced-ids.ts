/**
 * The Go services accept optional metadata that forces the id they mint, for their own tests (legacy-api.md
 * §2.5): `ClubUUID` here, `clubuuid` on the wire. The legacy club handler also read `RecruitmentUUID` the same way,
 * so we honour it too. A forced id that is taken is replaced by a random one, as the legacy mint loop did.
 */
import { firstValue } from '../shared/call-metadata';
import type { CallContext } from '../shared/implement-service';
import { mintId } from '../shared/ids';

export function clubUuidFor(ctx: CallContext, taken: (id: string) => boolean): string {
  const forced = firstValue(ctx.metadata, 'clubuuid');
  return forced && !taken(forced) ? forced : mintId('club', taken);
}

export function recruitmentUuidFor(ctx: CallContext, taken: (id: string) => boolean): string {
  const forced = firstValue(ctx.metadata, 'recruitmentuuid');
  return forced && !taken(forced) ? forced : mintId('recruitment', taken);
}
