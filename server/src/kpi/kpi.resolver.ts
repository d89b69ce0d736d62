import { Arg, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { RecordContactsInput } from './kpi.type.js';

/** The contact records the KPIs are computed from; the KPIs themselves are read on the dashboard and the VOC report. */
@Resolver()
export class KpiResolver {
  @Mutation(() => Int, {
    description: 'ANALYST, ADMIN: records a batch of contact records (at most 10,000) and answers how many were stored.',
  })
  recordContacts(@Arg('input', () => RecordContactsInput) input: RecordContactsInput, @Ctx() ctx: Context) {
    return ctx.hub.kpis.recordContacts(requireViewer(ctx), input.records);
  }
}
