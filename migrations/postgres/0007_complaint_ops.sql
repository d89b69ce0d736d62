-- Complaint operations (issue 17): the running limit each case is sorted and scanned by, 核实's
-- verdict, and the code table's admin columns. Written by hand after migrations/sqlite/0013.

ALTER TABLE "complaint_cases" ADD COLUMN "review_upheld" bigint;
ALTER TABLE "complaint_cases" ADD COLUMN "running_due_at" bigint;
CREATE INDEX "complaint_cases_running_due_idx" ON "complaint_cases" ("running_due_at", "id");
UPDATE "complaint_cases" SET "running_due_at" = CASE "status" WHEN 'REGISTERED' THEN "due_at" WHEN 'HANDLING' THEN "due_at"
  WHEN 'REVIEW_REQUESTED' THEN "review_due_at" ELSE NULL END;

ALTER TABLE "complaint_codes" ADD COLUMN "active" bigint NOT NULL DEFAULT 1;
ALTER TABLE "complaint_codes" ADD COLUMN "version" bigint NOT NULL DEFAULT 1;
