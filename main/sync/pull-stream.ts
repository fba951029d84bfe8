// Pulls one stream up to HQ's present: page after page, each validated whole and applied with its
// cursor in one transaction. A page that does not match the contract is applied not at all and
// reported; so is a recommendation model whose bytes do not hash to what HQ announced.
import type { RecoModel } from '../../contract/reco';
import type { PullPage, PullStream, RecoArtefact, SettingItem } from '../../contract/sync';
import { checkRecoArtefact } from '../store/replica/reco';
import type { Replica, RowPage } from '../store/replica/replica';
import type { PullClient, PullFailure } from './pull-client';

export interface StreamContext {
  replica: Replica;
  client: PullClient;
  pageLimit: number;
  now: () => Date;
  /** After the page holding it has committed. */
  onRecoModel?: (model: RecoModel, artefact: RecoArtefact) => void;
  onSetting?: (setting: SettingItem) => void;
  /** Between pages, so a long catch-up never holds the event loop for more than one page. */
  yieldBetweenPages?: () => Promise<void>;
}

export type StreamOutcome = { ok: true; items: number; pages: number } | { ok: false; failure: PullFailure };

/** Stale cursors in a row before the stream is given up for this cycle (HQ keeps changing epoch). */
const MAX_RESTARTS = 2;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function pullStream(ctx: StreamContext, stream: PullStream): Promise<StreamOutcome> {
  const { replica, client } = ctx;
  let items = 0;
  let pages = 0;
  let restarts = 0;
  for (;;) {
    const cursor = replica.cursors.cursor(stream);
    const answer = await client.page(stream, cursor, ctx.pageLimit);
    if (!answer.ok) {
      if (answer.failure.kind === 'stale' && restarts < MAX_RESTARTS) {
        restarts += 1;
        replica.cursors.restart(stream);
        continue;
      }
      return answer;
    }
    const page = answer.value;
    const at = ctx.now().toISOString();
    // pullPage(stream) checked every item against this stream's schema.
    if (stream === 'reco') {
      const artefact = (page as PullPage<'reco'>).items[0];
      if (artefact) {
        const bytes = await client.artefact(artefact.version);
        if (!bytes.ok) return bytes;
        const checked = checkRecoArtefact(artefact, bytes.value);
        if (!checked.ok) {
          return {
            ok: false,
            failure: {
              kind: 'invalid',
              code: `RECO_MODEL_${checked.reason.toUpperCase()}`,
              message: checked.message,
            },
          };
        }
        replica.applyReco(artefact, bytes.value, page.cursor, at);
        ctx.onRecoModel?.(checked.model, artefact);
      } else if (page.cursor !== cursor) {
        replica.advance(stream, page.cursor, at);
      }
    } else if (page.items.length > 0 || page.cursor !== cursor) {
      replica.applyPage({ stream, items: page.items } as RowPage, page.cursor, at);
      if (stream === 'settings')
        for (const setting of (page as PullPage<'settings'>).items) ctx.onSetting?.(setting);
    }
    items += page.items.length;
    pages += 1;
    if (!page.hasMore) return { ok: true, items, pages };
    await (ctx.yieldBetweenPages ?? nextTurn)();
  }
}
