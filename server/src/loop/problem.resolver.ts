import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { notFound } from '../core/errors.js';
import { toConnection } from '../core/page.type.js';
import { pageSize } from '../core/pagination.js';
import { feedbackCursor, FeedbackConnection, FeedbackType, type FeedbackRow } from '../feedback/index.js';
import { BranchType, CategoryType } from '../org/index.js';
import { UserType } from '../user/index.js';
import { LinkageActionType } from './action.type.js';
import { HubEventObject, eventVisible } from '../event/index.js';
import {
  ProblemType,
  ProblemConnection,
  ProblemFilter,
  DiagnosisType,
  ConsultationType,
  OpenProblemInput,
  AttachFeedbackInput,
  MergeProblemInput,
  DismissProblemInput,
  SubmitDiagnosisInput,
  ResolveProblemInput,
  ReopenProblemInput,
  CorrectProblemInput,
  ReviseDiagnosisInput,
  DetachFeedbackInput,
  MergeProblemsInput,
} from './problem.type.js';
import type { ProblemRow } from './problem.repository.js';
import type { HubEventRow } from '../event/index.js';

@Resolver(() => ProblemType)
export class ProblemResolver {
  @Query(() => ProblemConnection, { description: 'Problems, newest first; a branch manager sees those that concern their subtree.' })
  async problems(
    @Arg('filter', () => ProblemFilter, { nullable: true }) filter: ProblemFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return toConnection(await ctx.hub.problems.list(requireViewer(ctx), filter, first, after));
  }

  @Query(() => ProblemType, { nullable: true, description: 'NOT_FOUND for an id that does not exist or lies outside your scope.' })
  async problem(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const found = await ctx.hub.problems.find(requireViewer(ctx), id);
    if (!found) throw notFound('Problem', id);
    return found;
  }

  @Mutation(() => ProblemType, { description: 'ANALYST, COORDINATOR: opens a problem from unattached feedback.' })
  openProblem(@Arg('input', () => OpenProblemInput) input: OpenProblemInput, @Ctx() ctx: Context) {
    return ctx.hub.problems.open(requireViewer(ctx), input);
  }

  @Mutation(() => ProblemType, { description: 'ANALYST, COORDINATOR.' })
  attachFeedback(@Arg('input', () => AttachFeedbackInput) input: AttachFeedbackInput, @Ctx() ctx: Context) {
    return ctx.hub.problems.attachFeedback(requireViewer(ctx), input);
  }

  @Mutation(() => ProblemType, { description: 'ANALYST, COORDINATOR: a duplicate; its feedback moves to the target.' })
  mergeProblem(@Arg('input', () => MergeProblemInput) input: MergeProblemInput, @Ctx() ctx: Context) {
    return ctx.hub.problems.merge(requireViewer(ctx), input);
  }

  @Mutation(() => ProblemType, { description: 'ANALYST, COORDINATOR.' })
  dismissProblem(@Arg('input', () => DismissProblemInput) input: DismissProblemInput, @Ctx() ctx: Context) {
    return ctx.hub.problems.dismiss(requireViewer(ctx), input);
  }

  @Mutation(() => ProblemType, { description: 'ANALYST, COORDINATOR: the preliminary diagnosis, OPEN → DIAGNOSED.' })
  submitDiagnosis(@Arg('input', () => SubmitDiagnosisInput) input: SubmitDiagnosisInput, @Ctx() ctx: Context) {
    return ctx.hub.problems.submitDiagnosis(requireViewer(ctx), input);
  }

  @Mutation(() => ProblemType, { description: 'COORDINATOR: VERIFYING → RESOLVED.' })
  resolveProblem(@Arg('input', () => ResolveProblemInput) input: ResolveProblemInput, @Ctx() ctx: Context) {
    return ctx.hub.problems.resolve(requireViewer(ctx), input);
  }

  @Mutation(() => ProblemType, { description: 'COORDINATOR: VERIFYING or RESOLVED → REMEDIATING.' })
  reopenProblem(@Arg('input', () => ReopenProblemInput) input: ReopenProblemInput, @Ctx() ctx: Context) {
    return ctx.hub.problems.reopen(requireViewer(ctx), input);
  }

  @Mutation(() => ProblemType, { description: "COORDINATOR: corrects a live problem's title, category, severity or branches." })
  correctProblem(@Arg('input', () => CorrectProblemInput) input: CorrectProblemInput, @Ctx() ctx: Context) {
    return ctx.hub.problems.correct(requireViewer(ctx), input);
  }

  @Mutation(() => ProblemType, { description: 'ANALYST, COORDINATOR: rewrites the diagnosis while DIAGNOSED.' })
  reviseDiagnosis(@Arg('input', () => ReviseDiagnosisInput) input: ReviseDiagnosisInput, @Ctx() ctx: Context) {
    return ctx.hub.problems.reviseDiagnosis(requireViewer(ctx), input);
  }

  @Mutation(() => ProblemType, { description: 'ANALYST, COORDINATOR: feedback attached by mistake returns to the inbox.' })
  detachFeedback(@Arg('input', () => DetachFeedbackInput) input: DetachFeedbackInput, @Ctx() ctx: Context) {
    return ctx.hub.problems.detachFeedback(requireViewer(ctx), input);
  }

  @Mutation(() => ProblemType, {
    description: 'ANALYST, COORDINATOR: a duplicate joins its target at any open stage with its feedback, actions and history (MERGED).',
  })
  mergeProblems(@Arg('input', () => MergeProblemsInput) input: MergeProblemsInput, @Ctx() ctx: Context) {
    return ctx.hub.problems.mergeDuplicate(requireViewer(ctx), input);
  }

  @FieldResolver(() => CategoryType)
  category(@Root() p: ProblemRow, @Ctx() ctx: Context) {
    return ctx.loaders.category.load(p.categoryId);
  }

  @FieldResolver(() => UserType)
  createdBy(@Root() p: ProblemRow, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(p.createdBy);
  }

  @FieldResolver(() => FeedbackConnection)
  async feedback(
    @Root() p: ProblemRow,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    const viewer = requireViewer(ctx);
    if (after) return toConnection(await ctx.hub.feedback.listOfProblem(viewer, p.id, first, after));
    // The first page of each problem in a list is batched: one ranked query for the whole list.
    const limit = pageSize(first);
    const [rows, totalCount] = await Promise.all([
      ctx.loaders.firstFeedback(limit + 1).load(p.id),
      ctx.loaders.feedbackListedCount.load(p.id),
    ]);
    return toConnection({ nodes: rows.slice(0, limit), hasNextPage: rows.length > limit, totalCount, cursorOf: feedbackCursor });
  }

  @FieldResolver(() => Int)
  feedbackCount(@Root() p: ProblemRow, @Ctx() ctx: Context) {
    return ctx.loaders.feedbackCount.load(p.id);
  }

  @FieldResolver(() => [BranchType], { description: 'Where its feedback came from and where its actions are.' })
  async branches(@Root() p: ProblemRow, @Ctx() ctx: Context) {
    const ids = await ctx.loaders.branchIdsOfProblem.load(p.id);
    return ids
      .map((id) => ctx.hub.deps.org.get(id))
      .filter((b) => b !== undefined)
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  @FieldResolver(() => DiagnosisType, { nullable: true })
  diagnosis(@Root() p: ProblemRow, @Ctx() ctx: Context) {
    return ctx.loaders.diagnosis.load(p.id);
  }

  @FieldResolver(() => ConsultationType, { nullable: true })
  consultation(@Root() p: ProblemRow, @Ctx() ctx: Context) {
    return ctx.loaders.consultation.load(p.id);
  }

  @FieldResolver(() => [LinkageActionType], { description: 'The head-office/branch linkage table.' })
  actions(@Root() p: ProblemRow, @Ctx() ctx: Context) {
    return ctx.loaders.actionsOfProblem.load(p.id);
  }

  @FieldResolver(() => ProblemType, { nullable: true })
  mergedInto(@Root() p: ProblemRow, @Ctx() ctx: Context) {
    return p.mergedIntoId ? ctx.loaders.problem.load(p.mergedIntoId) : null;
  }

  @FieldResolver(() => [HubEventObject], {
    description: 'Every event of this problem you may see, oldest first, with those of the duplicates merged into it.',
  })
  async history(@Root() p: ProblemRow, @Ctx() ctx: Context) {
    const viewer = requireViewer(ctx);
    const merged = await duplicatesOf(ctx, p.id);
    const lists = await Promise.all([p.id, ...merged].map((id) => ctx.loaders.history.load(id)));
    const events = merged.length ? lists.flat().sort((a, b) => a.seq - b.seq) : lists[0]!;
    return events.filter((e) => eventVisible(viewer.scope, e, () => true));
  }
}

/** Per request: the problems merged straight into each problem, one query for a whole page. */
const duplicateLoaders = new WeakMap<Context, DataLoader<string, string[]>>();

/**
 * The problems merged into this one, and those merged into them, whose history its own carries
 * (the event log is append-only: their events keep their problem and are shown here too).
 */
async function duplicatesOf(ctx: Context, problemId: string): Promise<string[]> {
  let loader = duplicateLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader((ids: readonly string[]) => ctx.hub.problems.duplicatesOf(ids));
    duplicateLoaders.set(ctx, loader);
  }
  const found: string[] = [];
  let frontier = [problemId];
  while (frontier.length && found.length < 1000) {
    frontier = (await loader.loadMany(frontier)).flatMap((r) => (r instanceof Error ? [] : r)).filter((id) => !found.includes(id));
    found.push(...frontier);
  }
  return found;
}

/** The problem a hub event is about: resolved here, the event log knows no problems. */
@Resolver(() => HubEventObject)
export class HubEventProblemResolver {
  @FieldResolver(() => ProblemType, { nullable: true })
  problem(@Root() e: HubEventRow, @Ctx() ctx: Context) {
    return e.problemId ? ctx.loaders.problem.load(e.problemId) : null;
  }
}

/** The problem a voice was grouped into: resolved here, feedback knows no problems. */
@Resolver(() => FeedbackType)
export class FeedbackProblemResolver {
  @FieldResolver(() => ProblemType, { nullable: true })
  problem(@Root() row: FeedbackRow, @Ctx() ctx: Context) {
    return row.problemId ? ctx.loaders.problem.load(row.problemId) : null;
  }
}
