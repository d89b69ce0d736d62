-- The table holds each item's n-gram features (insight.rules encodeFeatures), not MinHash signatures.
ALTER TABLE `feedback_signatures` RENAME TO `feedback_features`;--> statement-breakpoint
DROP INDEX `feedback_signatures_feedback_id_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_features_feedback_id_unique` ON `feedback_features` (`feedback_id`);
