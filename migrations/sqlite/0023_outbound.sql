CREATE TABLE `notification_preferences` (
	`subject` text PRIMARY KEY NOT NULL,
	`kinds` text,
	`channels` text,
	`quiet_from` integer,
	`quiet_to` integer,
	`email` text,
	`wecom_user_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbound_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`user_id` text,
	`endpoint_id` text,
	`kind` text NOT NULL,
	`event_seq` integer,
	`target` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_until` integer,
	`claimed_by` text,
	`last_error` text,
	`created_at` integer NOT NULL,
	`delivered_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbound_deliveries_due_idx` ON `outbound_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbound_deliveries_user_idx` ON `outbound_deliveries` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `outbound_deliveries_endpoint_idx` ON `outbound_deliveries` (`endpoint_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`url` text NOT NULL,
	`format` text NOT NULL,
	`secret` text NOT NULL,
	`event_types` text NOT NULL,
	`branch_id` text,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
