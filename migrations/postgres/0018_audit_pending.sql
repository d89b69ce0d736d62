-- The audit rows of writes not yet chained (audit/audit.sealer.ts): a write inserts its row here in
-- its own transaction, with no lock on the chain's end; one sealer at a time (a lock on audit_log)
-- moves them into audit_log in order, each hash-chained to the row before. Rows are only ever
-- inserted here and deleted by the sealer.
CREATE TABLE "audit_pending" (
  "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  "at" bigint NOT NULL,
  "request_id" text COLLATE "C",
  "actor_id" text COLLATE "C",
  "operation" text COLLATE "C" NOT NULL,
  "outcome" text COLLATE "C" NOT NULL,
  "detail" text COLLATE "C" NOT NULL
);
CREATE TRIGGER "audit_pending_no_update" BEFORE UPDATE ON "audit_pending"
  FOR EACH ROW EXECUTE FUNCTION hub_append_only();
