CREATE TABLE `report_narratives` (
	`month` text PRIMARY KEY NOT NULL,
	`highlights` text NOT NULL,
	`analysis` text NOT NULL,
	`recommendations` text NOT NULL,
	`innovation` text NOT NULL,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_by` text,
	`return_reason` text,
	`published_version` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
