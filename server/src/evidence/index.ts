/**
 * evidence: files that prove a part of the loop (an action's photos and signed sheets, a problem's
 * notices, a diagnosis's or an opinion's attachments). Uploaded over HTTP (multipart, streamed,
 * typed from the content), kept by a storage port (content-addressed files beside the SQLite
 * file, or chunks in PostgreSQL) so that every hub process serves them, downloaded only by those
 * who may see the parent, every download audited.
 */
import { evidenceLoaders } from './evidence.loaders.js';
import {
  EvidenceResolver,
  ActionEvidenceResolver,
  ProblemEvidenceResolver,
  DiagnosisEvidenceResolver,
  OpinionEvidenceResolver,
} from './evidence.resolver.js';
import { evidenceRoutes } from './evidence.routes.js';

export { EvidenceService } from './evidence.service.js';
export { evidenceStorageFor, evidenceDirOf, type EvidenceStorage } from './evidence.storage.js';

export const evidenceModule = {
  name: 'evidence',
  resolvers: [EvidenceResolver, ActionEvidenceResolver, ProblemEvidenceResolver, DiagnosisEvidenceResolver, OpinionEvidenceResolver],
  loaders: evidenceLoaders,
  routes: evidenceRoutes,
};

// What other modules use of this one (the linkage table's XLSX lists each row's files).
export { evidenceOfActions, evidenceOfProblems, type EvidenceRow } from './evidence.repository.js';

// Its tables (app/tables.ts lists every module's for drizzle-kit and the PostgreSQL DDL).
export { EVIDENCE_PARENTS, evidenceFiles, evidenceChunks } from './evidence.table.js';
