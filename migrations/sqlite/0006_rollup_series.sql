CREATE TABLE `feedback_series_rollups` (
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`branch_id` text NOT NULL,
	`kind` text NOT NULL,
	`items` integer NOT NULL,
	`complaints` integer NOT NULL,
	PRIMARY KEY(`grain`, `period`, `branch_id`, `kind`)
);
