CREATE TABLE `contact_rollups` (
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`branch_id` text NOT NULL,
	`channel` text NOT NULL,
	`offered` integer NOT NULL,
	`answered` integer NOT NULL,
	`answered_within_threshold` integer NOT NULL,
	`responded` integer NOT NULL,
	`responded_within_threshold` integer NOT NULL,
	`rated` integer NOT NULL,
	`satisfied` integer NOT NULL,
	`transferred` integer NOT NULL,
	`work_orders` integer NOT NULL,
	`complaints` integer NOT NULL,
	`identified` integer NOT NULL,
	`repeats` integer NOT NULL,
	PRIMARY KEY(`grain`, `period`, `branch_id`, `channel`)
);
--> statement-breakpoint
CREATE TABLE `feedback_rollups` (
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`branch_id` text NOT NULL,
	`category_id` text NOT NULL,
	`channel` text NOT NULL,
	`kind` text NOT NULL,
	`items` integer NOT NULL,
	`complaints` integer NOT NULL,
	PRIMARY KEY(`grain`, `period`, `branch_id`, `category_id`, `channel`, `kind`)
);
--> statement-breakpoint
CREATE TABLE `published_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`month` text NOT NULL,
	`version` integer NOT NULL,
	`payload` text NOT NULL,
	`published_by` text NOT NULL,
	`published_at` integer NOT NULL,
	`summary` text NOT NULL,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `published_reports_month_version_idx` ON `published_reports` (`month`,`version`);--> statement-breakpoint
CREATE TABLE `rollup_state` (
	`name` text PRIMARY KEY NOT NULL,
	`config` text NOT NULL,
	`built_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `contact_records_customer_idx` ON `contact_records` (`customer_ref`,`offered_at`);