CREATE TABLE `insight_equivalences` (
	`seq` integer PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`word_a` text NOT NULL,
	`word_b` text NOT NULL,
	`evidence` real NOT NULL,
	`listed` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `insight_equivalences_pair_idx` ON `insight_equivalences` (`scope`,`word_a`,`word_b`);