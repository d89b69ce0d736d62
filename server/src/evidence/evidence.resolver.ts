import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireViewer } from '../core/context.js';
import { UserType } from '../user/index.js';
import { DiagnosisType, ExpertOpinionType, LinkageActionType, ProblemType } from '../loop/index.js';
import { EvidenceType, RemoveEvidenceInput } from './evidence.type.js';
import type { EvidenceRow } from './evidence.repository.js';

/** Where a file is downloaded: GET, the same Bearer token as /graphql (evidence.routes.ts). */
export const downloadUrlOf = (id: string): string => `/files/${encodeURIComponent(id)}`;

@Resolver(() => EvidenceType)
export class EvidenceResolver {
  @Mutation(() => EvidenceType, {
    description:
      'The uploader or the COORDINATOR removes a file from its list, with the reason (EVIDENCE_REMOVED, in the history). Upload with POST /files (multipart).',
  })
  removeEvidence(@Arg('input', () => RemoveEvidenceInput) input: RemoveEvidenceInput, @Ctx() ctx: Context): Promise<EvidenceRow> {
    return ctx.hub.evidence.remove(requireViewer(ctx), input);
  }

  @FieldResolver(() => UserType)
  uploadedBy(@Root() e: EvidenceRow, @Ctx() ctx: Context): Promise<unknown> {
    return ctx.loaders.user.load(e.uploadedBy);
  }

  @FieldResolver(() => String, { description: 'GET it with the Bearer token: Content-Disposition attachment; every download is audited.' })
  downloadUrl(@Root() e: EvidenceRow): string {
    return downloadUrlOf(e.id);
  }

  @FieldResolver(() => Boolean, { description: 'An image (PNG, JPEG, GIF, WebP) the web app previews.' })
  isImage(@Root() e: EvidenceRow): boolean {
    return e.contentType.startsWith('image/');
  }
}

@Resolver(() => LinkageActionType)
export class ActionEvidenceResolver {
  @FieldResolver(() => [EvidenceType], { description: "The row's evidence files (the branch's proof), oldest first." })
  evidenceFiles(@Root() a: { id: string }, @Ctx() ctx: Context): Promise<EvidenceRow[]> {
    return ctx.loaders.evidenceOfAction.load(a.id);
  }
}

@Resolver(() => ProblemType)
export class ProblemEvidenceResolver {
  @FieldResolver(() => [EvidenceType], {
    description: "Files attached to the problem itself, oldest first (its actions' files are on each action).",
  })
  evidenceFiles(@Root() p: { id: string }, @Ctx() ctx: Context): Promise<EvidenceRow[]> {
    return ctx.loaders.evidenceOfProblem.load(p.id);
  }
}

@Resolver(() => DiagnosisType)
export class DiagnosisEvidenceResolver {
  @FieldResolver(() => [EvidenceType], { description: "The diagnosis's files, oldest first." })
  evidenceFiles(@Root() d: { problemId: string }, @Ctx() ctx: Context): Promise<EvidenceRow[]> {
    return ctx.loaders.evidenceOfDiagnosis.load(d.problemId);
  }
}

@Resolver(() => ExpertOpinionType)
export class OpinionEvidenceResolver {
  @FieldResolver(() => [EvidenceType], { description: "The opinion's files, oldest first." })
  evidenceFiles(@Root() o: { problemId: string; expertId: string }, @Ctx() ctx: Context): Promise<EvidenceRow[]> {
    return ctx.loaders.evidenceOfOpinion.load(`${o.problemId} ${o.expertId}`);
  }
}
