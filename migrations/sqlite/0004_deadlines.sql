CREATE TABLE `deadline_marks` (
	`kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`due_key` integer NOT NULL,
	`marked_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `subject_id`, `due_key`)
);
--> statement-breakpoint
CREATE TABLE `feedback_cluster_items` (
	`feedback_id` text PRIMARY KEY NOT NULL,
	`cluster_id` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `feedback_cluster_items_cluster_idx` ON `feedback_cluster_items` (`cluster_id`);--> statement-breakpoint
CREATE TABLE `feedback_clusters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`category_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`customers` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `feedback_clusters_group_idx` ON `feedback_clusters` (`category_id`,`branch_id`,`last_at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`read_at` integer,
	`event_seq` integer,
	`problem_id` text,
	`action_id` text,
	`cluster_id` integer,
	`summary` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`user_id`,`id`) WHERE read_at IS NULL;--> statement-breakpoint
CREATE TABLE `import_keys` (
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`import_id` text NOT NULL,
	PRIMARY KEY(`kind`, `key`)
);
--> statement-breakpoint
CREATE TABLE `imports` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`format` text NOT NULL,
	`file_name` text NOT NULL,
	`status` text NOT NULL,
	`started_by` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`rows_read` integer DEFAULT 0 NOT NULL,
	`inserted` integer DEFAULT 0 NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`batches` integer DEFAULT 0 NOT NULL,
	`rejects` text DEFAULT '[]' NOT NULL,
	`error` text,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imports_started_idx` ON `imports` (`started_at`);