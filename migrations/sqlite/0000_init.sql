CREATE TABLE `branches` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent_id` text,
	`path` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `branches_code_unique` ON `branches` (`code`);--> statement-breakpoint
CREATE INDEX `branches_parent_idx` ON `branches` (`parent_id`);--> statement-breakpoint
CREATE INDEX `branches_path_idx` ON `branches` (`path`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_code_unique` ON `categories` (`code`);--> statement-breakpoint
CREATE TABLE `departments` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_code_unique` ON `departments` (`code`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`category_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_code_unique` ON `products` (`code`);--> statement-breakpoint
CREATE INDEX `products_category_idx` ON `products` (`category_id`);--> statement-breakpoint
CREATE TABLE `login_failures` (
	`username` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_failed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`branch_id` text,
	`department_id` text,
	`password_hash` text NOT NULL,
	`must_change_password` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`token_version` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE INDEX `users_role_idx` ON `users` (`role`);--> statement-breakpoint
CREATE INDEX `users_branch_idx` ON `users` (`branch_id`);--> statement-breakpoint
CREATE TABLE `feedback` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`category_id` text NOT NULL,
	`product_id` text,
	`branch_id` text NOT NULL,
	`received_at` integer NOT NULL,
	`text` text NOT NULL,
	`complaint` integer DEFAULT false NOT NULL,
	`customer_ref` text,
	`recorded_by` text,
	`problem_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `feedback_received_idx` ON `feedback` (`received_at`,`id`);--> statement-breakpoint
CREATE INDEX `feedback_problem_idx` ON `feedback` (`problem_id`);--> statement-breakpoint
CREATE INDEX `feedback_branch_received_idx` ON `feedback` (`branch_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `feedback_category_received_idx` ON `feedback` (`category_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `feedback_recorded_by_idx` ON `feedback` (`recorded_by`,`received_at`);--> statement-breakpoint
CREATE INDEX `feedback_customer_idx` ON `feedback` (`customer_ref`,`received_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`operation` text NOT NULL,
	`request_hash` text NOT NULL,
	`result_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `diagnoses` (
	`problem_id` text PRIMARY KEY NOT NULL,
	`author_id` text NOT NULL,
	`summary` text NOT NULL,
	`customer_impact` text NOT NULL,
	`suspected_cause` text NOT NULL,
	`submitted_at` integer NOT NULL,
	FOREIGN KEY (`problem_id`) REFERENCES `problems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `diagnosis_departments` (
	`problem_id` text NOT NULL,
	`department_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`problem_id`, `department_id`),
	FOREIGN KEY (`problem_id`) REFERENCES `problems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `problems` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`status` text NOT NULL,
	`severity` text NOT NULL,
	`category_id` text NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`merged_into_id` text,
	`dismiss_reason` text,
	`diagnosed_at` integer,
	`consultation_at` integer,
	`remediating_at` integer,
	`verifying_at` integer,
	`resolved_at` integer,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `problems_code_unique` ON `problems` (`code`);--> statement-breakpoint
CREATE INDEX `problems_status_idx` ON `problems` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `problems_created_idx` ON `problems` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `problems_category_idx` ON `problems` (`category_id`);--> statement-breakpoint
CREATE TABLE `consultation_experts` (
	`problem_id` text NOT NULL,
	`expert_id` text NOT NULL,
	`invited_at` integer NOT NULL,
	PRIMARY KEY(`problem_id`, `expert_id`),
	FOREIGN KEY (`problem_id`) REFERENCES `problems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`expert_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consultation_experts_expert_idx` ON `consultation_experts` (`expert_id`);--> statement-breakpoint
CREATE TABLE `consultations` (
	`problem_id` text PRIMARY KEY NOT NULL,
	`coordinator_id` text NOT NULL,
	`opened_at` integer NOT NULL,
	`due_at` integer,
	`root_cause` text,
	`root_cause_detail` text,
	`remediation_plan` text,
	`outcome` text,
	`issued_by` text,
	`issued_at` integer,
	FOREIGN KEY (`problem_id`) REFERENCES `problems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`coordinator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `opinions` (
	`problem_id` text NOT NULL,
	`expert_id` text NOT NULL,
	`department_id` text NOT NULL,
	`body` text NOT NULL,
	`agrees_with_diagnosis` integer NOT NULL,
	`submitted_at` integer NOT NULL,
	PRIMARY KEY(`problem_id`, `expert_id`),
	FOREIGN KEY (`problem_id`) REFERENCES `problems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`expert_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `action_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` text NOT NULL,
	`author_id` text NOT NULL,
	`note` text NOT NULL,
	`status` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_updates_action_idx` ON `action_updates` (`action_id`,`id`);--> statement-breakpoint
CREATE TABLE `actions` (
	`id` text PRIMARY KEY NOT NULL,
	`problem_id` text NOT NULL,
	`branch_id` text,
	`department_id` text,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`due_at` integer NOT NULL,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`confirmed_at` integer,
	`returned_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`problem_id`) REFERENCES `problems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `actions_problem_idx` ON `actions` (`problem_id`,`position`);--> statement-breakpoint
CREATE INDEX `actions_branch_idx` ON `actions` (`branch_id`,`status`);--> statement-breakpoint
CREATE INDEX `actions_status_due_idx` ON `actions` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `actions_department_idx` ON `actions` (`department_id`);--> statement-breakpoint
CREATE TABLE `extension_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` text NOT NULL,
	`requested_due_at` integer NOT NULL,
	`previous_due_at` integer NOT NULL,
	`reason` text NOT NULL,
	`decision` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `extension_requests_action_idx` ON `extension_requests` (`action_id`,`id`);--> statement-breakpoint
CREATE TABLE `contact_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`branch_id` text,
	`offered_at` integer NOT NULL,
	`answered` integer NOT NULL,
	`wait_seconds` integer NOT NULL,
	`first_response_seconds` integer,
	`transferred` integer NOT NULL,
	`work_order` integer NOT NULL,
	`complaint` integer NOT NULL,
	`satisfaction` integer,
	`customer_ref` text,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contact_records_offered_idx` ON `contact_records` (`offered_at`);--> statement-breakpoint
CREATE INDEX `contact_records_branch_offered_idx` ON `contact_records` (`branch_id`,`offered_at`);--> statement-breakpoint
CREATE TABLE `hub_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`problem_id` text,
	`action_id` text,
	`feedback_id` text,
	`branch_id` text,
	`from_status` text,
	`to_status` text,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `hub_events_problem_idx` ON `hub_events` (`problem_id`,`seq`);