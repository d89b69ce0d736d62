CREATE TABLE `complaint_cases` (
	`id` text PRIMARY KEY NOT NULL,
	`feedback_id` text,
	`customer_ref` text,
	`branch_id` text NOT NULL,
	`subject_staff_id` text,
	`subject_department_id` text,
	`channel_code` text NOT NULL,
	`business_code` text NOT NULL,
	`cause_code` text NOT NULL,
	`request` text NOT NULL,
	`received_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`extensions` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`handler_id` text,
	`problem_id` text,
	`decision_findings` text,
	`decision_basis` text,
	`decision_remedies` text,
	`decided_at` integer,
	`decided_by` text,
	`review_requested_at` integer,
	`review_due_at` integer,
	`review_outcome` text,
	`reviewed_at` integer,
	`reviewed_by` text,
	`closed_at` integer,
	`close_note` text,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `complaint_cases_branch_idx` ON `complaint_cases` (`branch_id`,`status`);--> statement-breakpoint
CREATE INDEX `complaint_cases_due_idx` ON `complaint_cases` (`due_at`,`id`);--> statement-breakpoint
CREATE INDEX `complaint_cases_problem_idx` ON `complaint_cases` (`problem_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `complaint_cases_feedback_idx` ON `complaint_cases` (`feedback_id`);--> statement-breakpoint
CREATE TABLE `complaint_codes` (
	`axis` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`parent_code` text,
	`position` integer NOT NULL,
	PRIMARY KEY(`axis`, `code`)
);
--> statement-breakpoint
CREATE TABLE `complaint_extensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`reason` text NOT NULL,
	`previous_due_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`extended_by` text NOT NULL,
	`approved_by` text,
	`customer_told_at` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `complaint_cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `complaint_extensions_case_idx` ON `complaint_extensions` (`case_id`,`ordinal`);--> statement-breakpoint
ALTER TABLE `hub_events` ADD `complaint_id` text;
--> statement-breakpoint
-- JR/T 0169-2018 (金融消费者投诉统计分类及编码 银行业金融机构), seeded as far as its published
-- outline goes: (A) channel — front office (营业现场, 自助机具, 电子渠道: 网银, 电话, 移动客户端, 网络公众
-- 平台, 短信, 其他; 第三方渠道; 其他) and middle/back office; (B) business type; (C) cause. Codes are the
-- axis letter and two digits a level, 99 for 其他, as the standard numbers its classes; the admin may add
-- finer codes later.
INSERT INTO complaint_codes (axis, code, name, parent_code, position) VALUES
  ('CHANNEL', 'A01', '前台业务渠道', NULL, 1),
  ('CHANNEL', 'A0101', '营业现场', 'A01', 2),
  ('CHANNEL', 'A0102', '自助机具', 'A01', 3),
  ('CHANNEL', 'A0103', '电子渠道', 'A01', 4),
  ('CHANNEL', 'A010301', '网上银行', 'A0103', 5),
  ('CHANNEL', 'A010302', '电话（电话银行、客服热线）', 'A0103', 6),
  ('CHANNEL', 'A010303', '移动客户端', 'A0103', 7),
  ('CHANNEL', 'A010304', '网络公众平台', 'A0103', 8),
  ('CHANNEL', 'A010305', '短信', 'A0103', 9),
  ('CHANNEL', 'A010399', '其他电子渠道', 'A0103', 10),
  ('CHANNEL', 'A0104', '第三方渠道', 'A01', 11),
  ('CHANNEL', 'A0199', '其他前台业务渠道', 'A01', 12),
  ('CHANNEL', 'A02', '中、后台业务渠道', NULL, 13),
  ('BUSINESS', 'B01', '人民币储蓄', NULL, 14),
  ('BUSINESS', 'B02', '贷款', NULL, 15),
  ('BUSINESS', 'B03', '银行卡', NULL, 16),
  ('BUSINESS', 'B04', '支付结算', NULL, 17),
  ('BUSINESS', 'B05', '人民币管理', NULL, 18),
  ('BUSINESS', 'B06', '个人金融信息', NULL, 19),
  ('BUSINESS', 'B99', '其他', NULL, 20),
  ('CAUSE', 'C01', '服务态度及服务质量', NULL, 21),
  ('CAUSE', 'C02', '服务设施、设备、业务系统', NULL, 22),
  ('CAUSE', 'C03', '管理制度、业务规则与流程', NULL, 23),
  ('CAUSE', 'C04', '营销方式', NULL, 24),
  ('CAUSE', 'C05', '信息披露', NULL, 25),
  ('CAUSE', 'C06', '产品收益', NULL, 26),
  ('CAUSE', 'C07', '自主选择权', NULL, 27),
  ('CAUSE', 'C08', '合同条款', NULL, 28),
  ('CAUSE', 'C09', '消费者资金安全', NULL, 29),
  ('CAUSE', 'C10', '消费者信息安全', NULL, 30),
  ('CAUSE', 'C99', '其他', NULL, 31);
