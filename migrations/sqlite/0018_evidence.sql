CREATE TABLE `evidence_chunks` (
	`sha256` text NOT NULL,
	`seq` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`sha256`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `evidence_files` (
	`id` text PRIMARY KEY NOT NULL,
	`parent_kind` text NOT NULL,
	`problem_id` text NOT NULL,
	`action_id` text,
	`expert_id` text,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`uploaded_at` integer NOT NULL,
	`removed_at` integer,
	`removed_by` text,
	`removed_reason` text
);
--> statement-breakpoint
CREATE INDEX `evidence_files_problem_idx` ON `evidence_files` (`problem_id`,`uploaded_at`);--> statement-breakpoint
CREATE INDEX `evidence_files_action_idx` ON `evidence_files` (`action_id`);--> statement-breakpoint
CREATE INDEX `evidence_files_sha_idx` ON `evidence_files` (`sha256`);