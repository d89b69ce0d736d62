import {
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { auditDetail, redactVariables, type AuditScope, type AuditService } from '../audit/index.js';
import { AppError } from '../core/errors.js';
import { checkOperation } from '../core/guard.js';
import { assertInputWithinLimits } from '../core/input-limits.js';
import type { QueryLimits } from '../core/limits.rules.js';
import type { RateLimiter } from '../core/rate-limit.js';
import type { Viewer } from '../core/viewer.rules.js';
import { fieldsRefused } from '../service-account/index.js';

/** One GraphQL operation as either transport received it, parsed and validated. */
export interface OperationRequest {
  transport: 'http' | 'ws';
  document: DocumentNode;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | null | undefined;
  viewer: Viewer | null;
  /** The client's address, for the anonymous rate budget. */
  requestIp: string | undefined;
}

/**
 * What every operation passes between validation and execution, the same over HTTP (Apollo's
 * didResolveOperation, app/app.ts) and over graphql-ws (onSubscribe, app/ws.ts): input sizes and
 * nesting, the audit scope (operation, actor, variables with @Secret() fields redacted), the
 * transport rule (subscriptions only over WebSocket), depth/alias/directive/cost limits and the
 * per-user rate budget — in that order, so that nothing walks or records variables that are too
 * large, and a refused operation is charged nothing. After the response, `recordOutcome` writes
 * what the audit trail keeps of it.
 */
export class OperationPolicy {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: QueryLimits,
    private readonly rateLimiter: RateLimiter,
    private readonly audit: AuditService,
  ) {}

  /** Admits the operation or throws the contract's error (BAD_USER_INPUT, RATE_LIMITED, …). */
  admit(req: OperationRequest, scope: AuditScope | undefined): void {
    const op = operationOf(req.document, req.operationName);
    const fields = op ? op.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '…')) : [];
    if (scope) {
      scope.operation = fields.join(',');
      scope.actorId = req.viewer?.id ?? null;
      // login's own writes are throttle counters; its outcome is recorded after the response.
      scope.isMutation = op?.operation === 'mutation' && !fields.includes('login');
      // An integration's every call is audited, its queries included (issue 19).
      scope.everyUse = !!req.viewer?.serviceScopes;
    }
    // Input limits include nesting (core/input-limits.ts): nothing below meets a value nested deeper.
    assertInputWithinLimits(this.schema, req.document, req.variables);
    // Secrets (fields marked @Secret(), wherever they sit) never reach the audit trail.
    if (scope) scope.detail = auditDetail(redactVariables(this.schema, req.document, req.operationName, req.variables));
    if (req.transport === 'http' && op?.operation === 'subscription')
      throw new AppError('BAD_USER_INPUT', 'Subscriptions are served over WebSocket (graphql-transport-ws) at this path.');
    // A service account's token admits only its scopes' root fields, whatever its backing role allows.
    const refused = req.viewer?.serviceScopes ? fieldsRefused(req.viewer.serviceScopes, fields) : [];
    if (refused.length)
      throw new AppError('FORBIDDEN', `This service account's scopes do not include ${refused.join(', ')}.`, { fields: refused });
    const cost = checkOperation(this.schema, req.document, req.operationName, req.variables, this.limits);
    this.rateLimiter.charge(req.viewer?.id ?? `anonymous:${req.requestIp}`, cost);
  }

  /**
   * What the audit trail keeps of an answered operation: a refused mutation with its code, a sign-in
   * whatever its outcome, and views of personal data in clear.
   */
  async recordOutcome(scope: AuditScope, result: ExecutionResult | FormattedExecutionResult | null): Promise<void> {
    const code = (result?.errors?.[0]?.extensions?.code as string | undefined) ?? null;
    if (scope.operation === 'login') return this.audit.afterResponse({ ...scope, isMutation: true }, code, !code);
    if (scope.everyUse && !scope.isMutation) return this.audit.afterResponse({ ...scope, isMutation: true }, code, !code);
    const nothingDone = !result?.data || Object.values(result.data).every((v) => v === null);
    return this.audit.afterResponse(scope, code && nothingDone ? code : null);
  }
}

function operationOf(document: DocumentNode, name: string | null | undefined): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return name ? ops.find((o) => o.name?.value === name) : ops[0];
}
