-- The table holds each item's n-gram features (insight.rules encodeFeatures), not MinHash signatures
-- (as SQLite's 0015_feature_table). Its constraints and identity sequence follow the new name.
ALTER TABLE "feedback_signatures" RENAME TO "feedback_features";
ALTER TABLE "feedback_features" RENAME CONSTRAINT "feedback_signatures_pkey" TO "feedback_features_pkey";
ALTER TABLE "feedback_features" RENAME CONSTRAINT "feedback_signatures_feedback_id_key" TO "feedback_features_feedback_id_key";
ALTER TABLE "feedback_features" RENAME CONSTRAINT "feedback_signatures_feedback_id_fkey" TO "feedback_features_feedback_id_fkey";
ALTER SEQUENCE "feedback_signatures_seq_seq" RENAME TO "feedback_features_seq_seq";
