DROP INDEX `feedback_problem_idx`;--> statement-breakpoint
CREATE INDEX `feedback_problem_idx` ON `feedback` (`problem_id`,`branch_id`);