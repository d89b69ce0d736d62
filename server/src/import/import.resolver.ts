import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { maskPersonalData } from '../core/mask.rules.js';
import { ImportProgressType, ImportRejectedRowType } from './import.type.js';
import type { ImportProgress, RejectedRow } from './import.service.js';

@Resolver(() => ImportProgressType)
export class ImportResolver {
  @Query(() => ImportProgressType, { description: 'ANALYST, ADMIN: an import and its report of rejected rows.' })
  importJob(@Arg('importId', () => ID) importId: string, @Ctx() ctx: Context) {
    return ctx.hub.imports.find(requireViewer(ctx), importId);
  }

  @Subscription(() => ImportProgressType, {
    description: "ANALYST, ADMIN: an import's progress, now and after every batch; completes when it is DONE or FAILED.",
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      return ctx.hub.imports.watch(requireViewer(ctx), (args as { importId: string }).importId);
    },
  })
  importProgress(@Root() progress: ImportProgress, @Arg('importId', () => ID) _importId: string): ImportProgress {
    return progress;
  }

  @FieldResolver(() => [ImportRejectedRowType])
  rejectedRows(@Root() p: ImportProgress): RejectedRow[] {
    // A reason quotes the cell it refuses, which may hold a customer's number.
    return p.rejectedRows.map((r) => ({ row: r.row, reason: maskPersonalData(r.reason) }));
  }
}
