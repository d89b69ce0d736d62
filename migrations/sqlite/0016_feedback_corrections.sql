CREATE TABLE `feedback_corrections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`feedback_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`voided` integer DEFAULT false NOT NULL,
	`reason` text NOT NULL,
	`changes` text NOT NULL,
	FOREIGN KEY (`feedback_id`) REFERENCES `feedback`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `feedback_corrections_feedback_idx` ON `feedback_corrections` (`feedback_id`,`id`);--> statement-breakpoint
ALTER TABLE `feedback` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `feedback` ADD `voided_at` integer;--> statement-breakpoint
ALTER TABLE `feedback` ADD `voided_by` text;--> statement-breakpoint
ALTER TABLE `feedback` ADD `void_reason` text;