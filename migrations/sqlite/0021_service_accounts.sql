CREATE TABLE `service_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`scopes` text NOT NULL,
	`token_hash` text NOT NULL,
	`token_hint` text NOT NULL,
	`user_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`revoked_by` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_accounts_name_unique` ON `service_accounts` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `service_accounts_token_hash_unique` ON `service_accounts` (`token_hash`);--> statement-breakpoint
CREATE INDEX `service_accounts_user_idx` ON `service_accounts` (`user_id`);