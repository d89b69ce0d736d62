CREATE TABLE `customer_contacts` (
	`owner_type` text NOT NULL,
	`owner_id` text NOT NULL,
	`key_id` text NOT NULL,
	`sealed` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`owner_type`, `owner_id`)
);
--> statement-breakpoint
CREATE INDEX `customer_contacts_key_idx` ON `customer_contacts` (`key_id`);--> statement-breakpoint
CREATE TABLE `callback_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`callback_id` text NOT NULL,
	`at` integer NOT NULL,
	`agent_id` text NOT NULL,
	`reached` integer NOT NULL,
	`verdict` text,
	`note` text,
	FOREIGN KEY (`callback_id`) REFERENCES `callbacks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `callback_attempts_callback_idx` ON `callback_attempts` (`callback_id`,`id`);--> statement-breakpoint
CREATE TABLE `callbacks` (
	`id` text PRIMARY KEY NOT NULL,
	`problem_id` text NOT NULL,
	`customer_key` text NOT NULL,
	`customer_ref` text,
	`complaint_id` text,
	`feedback_id` text,
	`contact_owner_type` text,
	`contact_owner_id` text,
	`branch_id` text NOT NULL,
	`status` text NOT NULL,
	`verdict` text,
	`customer_words` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_attempt_at` integer,
	`assignee_id` text,
	`due_at` integer NOT NULL,
	`closed_at` integer,
	`closed_by` text,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `callbacks_queue_idx` ON `callbacks` (`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `callbacks_problem_idx` ON `callbacks` (`problem_id`,`customer_key`);--> statement-breakpoint
CREATE INDEX `callbacks_closed_idx` ON `callbacks` (`closed_at`,`branch_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `callbacks_open_customer_idx` ON `callbacks` (`problem_id`,`customer_key`) WHERE status = 'OPEN';--> statement-breakpoint
ALTER TABLE `hub_events` ADD `callback_id` text;--> statement-breakpoint
ALTER TABLE `complaint_cases` ADD `reopened_at` integer;