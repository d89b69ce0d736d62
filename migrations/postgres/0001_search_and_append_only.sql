-- Substring search over Chinese feedback text: pg_trgm's GIN index serves ILIKE '%…%' for any
-- substring of 3+ characters without a word segmenter (SQLite uses FTS5's trigram tokenizer).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "feedback_text_trgm_idx" ON "feedback" USING gin ("text" gin_trgm_ops);

-- The event log and the audit trail only grow.
CREATE FUNCTION hub_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER "hub_events_append_only" BEFORE UPDATE OR DELETE ON "hub_events"
  FOR EACH ROW EXECUTE FUNCTION hub_append_only();
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION hub_append_only();

-- Insertion order of feedback, which SQLite keeps as the implicit rowid: the bulk import's rollup
-- catch-up and the similarity indexer read "rows after the last one seen" by it. Writes are
-- serialized (core/db.pg.ts), so assignment order is commit order.
ALTER TABLE "feedback" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY UNIQUE;
