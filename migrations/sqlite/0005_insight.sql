CREATE TABLE `feedback_signatures` (
	`seq` integer PRIMARY KEY NOT NULL,
	`feedback_id` text NOT NULL,
	`signature` blob NOT NULL,
	FOREIGN KEY (`feedback_id`) REFERENCES `feedback`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_signatures_feedback_id_unique` ON `feedback_signatures` (`feedback_id`);