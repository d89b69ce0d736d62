ALTER TABLE `complaint_cases` ADD `review_upheld` integer;--> statement-breakpoint
ALTER TABLE `complaint_cases` ADD `running_due_at` integer;--> statement-breakpoint
CREATE INDEX `complaint_cases_running_due_idx` ON `complaint_cases` (`running_due_at`,`id`);--> statement-breakpoint
ALTER TABLE `complaint_codes` ADD `active` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `complaint_codes` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- The running limit of the cases already registered (complaint.rules.ts runningDueAt).
UPDATE `complaint_cases` SET `running_due_at` = CASE `status` WHEN 'REGISTERED' THEN `due_at` WHEN 'HANDLING' THEN `due_at` WHEN 'REVIEW_REQUESTED' THEN `review_due_at` ELSE NULL END;
