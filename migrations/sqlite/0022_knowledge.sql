CREATE TABLE `knowledge_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`article_id` text NOT NULL,
	`revision` integer NOT NULL,
	`agent_id` text NOT NULL,
	`feedback_id` text,
	`answered_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `knowledge_answers_article_idx` ON `knowledge_answers` (`article_id`);--> statement-breakpoint
CREATE TABLE `knowledge_article_revisions` (
	`article_id` text NOT NULL,
	`revision` integer NOT NULL,
	`title` text NOT NULL,
	`question` text NOT NULL,
	`answer` text NOT NULL,
	`change` text NOT NULL,
	`changed_since` integer,
	`expires_at` integer,
	`published_by` text NOT NULL,
	`published_at` integer NOT NULL,
	PRIMARY KEY(`article_id`, `revision`)
);
--> statement-breakpoint
CREATE TABLE `knowledge_articles` (
	`id` text PRIMARY KEY NOT NULL,
	`problem_id` text,
	`status` text NOT NULL,
	`title` text NOT NULL,
	`question` text NOT NULL,
	`answer` text NOT NULL,
	`change` text NOT NULL,
	`changed_since` integer,
	`category_id` text,
	`product_ids` text DEFAULT '[]' NOT NULL,
	`expires_at` integer,
	`submitted_by` text,
	`retired_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `knowledge_articles_problem_id_unique` ON `knowledge_articles` (`problem_id`);--> statement-breakpoint
CREATE INDEX `knowledge_articles_status_idx` ON `knowledge_articles` (`status`,`updated_at`);