import { Arg, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { canSeePersonalData } from '../core/viewer.rules.js';
import { maskPersonalData } from '../core/mask.rules.js';
import type { SharedSubscription } from '../core/fanout.js';
import { HubEventObject } from './event.type.js';
import { cursorOfSeq, type HubEventRow } from './event.repository.js';
import { audienceKey, legacyExpertNote, payloadAudience } from './event.rules.js';

/** An event is rendered once per audience of its subscribers: payloadAudience says who shares. */
export const hubEventsShared: SharedSubscription<HubEventRow> = {
  eventKey: (event) => event.seq,
  audienceOf: (fields) => {
    const audience = payloadAudience(fields);
    return audience && ((viewer, event) => audienceKey(audience, viewer, event));
  },
};

@Resolver(() => HubEventObject)
export class HubEventResolver {
  @Subscription(() => HubEventObject, {
    description: 'Every event the subscriber may see, live; with after, first every missed event since that cursor.',
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const viewer = requireViewer(ctx);
      return ctx.hub.events.stream(
        viewer,
        ctx.tokenVersion ?? 0,
        ctx.tokenExpiresAt ?? Number.MAX_SAFE_INTEGER,
        args,
        (current) => {
          // Each event is resolved with the subscriber's current rights (and fresh loaders: FanoutExecution).
          ctx.viewer = current;
        },
        () => ctx.closeTransport?.(4429, 'Too far behind: reconnect and resume with your last cursor'),
      );
    },
  })
  hubEvents(
    @Root() event: HubEventRow,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Arg('problemId', () => ID, { nullable: true }) _problemId: string | null,
    @Arg('branchId', () => ID, { nullable: true }) _branchId: string | null,
  ): HubEventRow {
    return event;
  }

  @FieldResolver(() => String, { description: 'Opaque and strictly increasing; hubEvents(after:) resumes after it.' })
  cursor(@Root() e: HubEventRow) {
    return cursorOfSeq(e.seq);
  }

  // HubEvent.actor, .problem and .action are resolved by the user, problem and action modules
  // (the event log knows no feature of the loop).

  @FieldResolver(() => ID, { nullable: true, description: 'The feedback item a FEEDBACK_RECORDED event is about.' })
  feedbackId(@Root() e: HubEventRow) {
    return e.feedbackId;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Free text of the step (reason, evidence, note), with personal data masked as for feedback.',
  })
  async note(@Root() e: HubEventRow, @Ctx() ctx: Context) {
    if (e.note === null) return null;
    let note = e.note;
    // Older notes listed the experts by sign-in name: people's names are shown instead (unknown ones as written).
    const legacy = legacyExpertNote(e.type, note);
    if (legacy) {
      const people = await Promise.all(legacy.usernames.map((u) => ctx.loaders.userByUsername.load(u)));
      const names = legacy.usernames.map((u, i) => people[i]?.displayName ?? u).join('、');
      note = legacy.rest === null ? names : `${names}：${legacy.rest}`;
    }
    return ctx.viewer && canSeePersonalData(ctx.viewer, e.actorId) ? note : maskPersonalData(note);
  }
}
