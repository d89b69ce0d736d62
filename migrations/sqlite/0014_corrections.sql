CREATE TABLE `problem_branches` (
	`problem_id` text NOT NULL,
	`branch_id` text NOT NULL,
	PRIMARY KEY(`problem_id`, `branch_id`),
	FOREIGN KEY (`problem_id`) REFERENCES `problems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `problem_branches_branch_idx` ON `problem_branches` (`branch_id`);--> statement-breakpoint
ALTER TABLE `actions` ADD `status_reason` text;--> statement-breakpoint
ALTER TABLE `extension_requests` ADD `granted_due_at` integer;--> statement-breakpoint
CREATE INDEX `problems_merged_into_idx` ON `problems` (`merged_into_id`);