-- The 3-in-3 rule's kept state (migrations/sqlite/0008_storm_clusters.sql): an outage storm's
-- reports are grouped at a cost per write that does not grow with the storm.
CREATE TABLE "feedback_cluster_customers" (
  "cluster_id" bigint NOT NULL,
  "customer_ref" text COLLATE "C" NOT NULL,
  PRIMARY KEY ("cluster_id", "customer_ref")
);
ALTER TABLE "feedback" ADD COLUMN "cluster_id" bigint;
CREATE INDEX "feedback_unclustered_idx" ON "feedback" ("category_id", "branch_id", "received_at")
  WHERE cluster_id IS NULL AND problem_id IS NULL AND customer_ref IS NOT NULL;
ALTER TABLE "feedback_cluster_items" ADD COLUMN "rep" bigint NOT NULL DEFAULT 0;
CREATE INDEX "feedback_cluster_items_rep_idx" ON "feedback_cluster_items" ("cluster_id") WHERE rep = 1;
ALTER TABLE "feedback_clusters" ADD COLUMN "reports" bigint NOT NULL DEFAULT 0;
CREATE INDEX "notifications_cluster_idx" ON "notifications" ("cluster_id") WHERE cluster_id IS NOT NULL;

-- Backfill: the alerts raised before this migration get the state the 3-in-3 rule now keeps.
UPDATE feedback SET cluster_id = (SELECT i.cluster_id FROM feedback_cluster_items i WHERE i.feedback_id = feedback.id)
  WHERE id IN (SELECT feedback_id FROM feedback_cluster_items);
INSERT INTO feedback_cluster_customers (cluster_id, customer_ref)
  SELECT DISTINCT i.cluster_id, f.customer_ref FROM feedback_cluster_items i JOIN feedback f ON f.id = i.feedback_id
  WHERE f.customer_ref IS NOT NULL;
UPDATE feedback_clusters SET
  reports = (SELECT count(*) FROM feedback_cluster_items i WHERE i.cluster_id = feedback_clusters.id),
  customers = (SELECT count(*) FROM feedback_cluster_customers c WHERE c.cluster_id = feedback_clusters.id);
-- Representatives: each alert's first 32 reports (CLUSTER_REPRESENTATIVES in notification.repository.ts).
UPDATE feedback_cluster_items SET rep = 1 WHERE feedback_id IN (
  SELECT ranked.feedback_id FROM (
    SELECT i.feedback_id, row_number() OVER (PARTITION BY i.cluster_id ORDER BY f.received_at, f.id) AS n
    FROM feedback_cluster_items i JOIN feedback f ON f.id = i.feedback_id
  ) ranked WHERE ranked.n <= 32);
