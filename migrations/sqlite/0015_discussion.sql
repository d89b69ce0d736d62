CREATE TABLE `problem_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`problem_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text,
	`mentioned_ids` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`edited_at` integer,
	`deleted_at` integer,
	`deleted_by` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `problem_comments_problem_idx` ON `problem_comments` (`problem_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `problem_followers` (
	`problem_id` text NOT NULL,
	`user_id` text NOT NULL,
	`reason` text NOT NULL,
	`since` integer NOT NULL,
	PRIMARY KEY(`problem_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `problem_followers_user_idx` ON `problem_followers` (`user_id`);--> statement-breakpoint
ALTER TABLE `hub_events` ADD `comment_id` text;