-- Corrections in the loop (issue 18): the reason beside a declined, cancelled or reassigned action,
-- an extension granted to another date than asked, the branches a coordinator names for a problem,
-- and the index a problem's history uses to carry the duplicates merged into it.
ALTER TABLE "actions" ADD COLUMN "status_reason" text COLLATE "C";

ALTER TABLE "extension_requests" ADD COLUMN "granted_due_at" bigint;

CREATE TABLE "problem_branches" (
  "problem_id" text COLLATE "C" NOT NULL,
  "branch_id" text COLLATE "C" NOT NULL,
  PRIMARY KEY ("problem_id", "branch_id"),
  FOREIGN KEY ("problem_id") REFERENCES "problems" ("id"),
  FOREIGN KEY ("branch_id") REFERENCES "branches" ("id")
);

CREATE INDEX "problem_branches_branch_idx" ON "problem_branches" ("branch_id");

CREATE INDEX "problems_merged_into_idx" ON "problems" ("merged_into_id");
