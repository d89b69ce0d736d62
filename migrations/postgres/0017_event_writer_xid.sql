-- Each event row records the transaction that wrote it, so that readers can order the log by
-- (writer_xid, seq) and read only below the oldest transaction still running
-- (event.repository.ts eventsAfter): no global write lock is then needed for a resuming reader
-- never to miss an event. Rows already written get this migration's transaction id: all are
-- committed, and they keep their seq order among themselves, before every later row.
ALTER TABLE "hub_events" ADD COLUMN "writer_xid" xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX "hub_events_writer_idx" ON "hub_events" ("writer_xid", "seq");
