-- Substring search over Chinese feedback text: FTS5's trigram tokenizer matches any 3+ character
-- substring without a word segmenter. Shorter queries fall back to LIKE in the repository.
CREATE VIRTUAL TABLE `feedback_fts` USING fts5(`text`, content='feedback', content_rowid='rowid', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER `feedback_fts_ai` AFTER INSERT ON `feedback` BEGIN
  INSERT INTO `feedback_fts`(rowid, `text`) VALUES (new.rowid, new.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `feedback_fts_ad` AFTER DELETE ON `feedback` BEGIN
  INSERT INTO `feedback_fts`(`feedback_fts`, rowid, `text`) VALUES ('delete', old.rowid, old.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `feedback_fts_au` AFTER UPDATE OF `text` ON `feedback` BEGIN
  INSERT INTO `feedback_fts`(`feedback_fts`, rowid, `text`) VALUES ('delete', old.rowid, old.`text`);
  INSERT INTO `feedback_fts`(rowid, `text`) VALUES (new.rowid, new.`text`);
END;
--> statement-breakpoint
-- The event log is the audit trail: it only grows.
CREATE TRIGGER `hub_events_no_update` BEFORE UPDATE ON `hub_events` BEGIN
  SELECT RAISE(ABORT, 'hub_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `hub_events_no_delete` BEFORE DELETE ON `hub_events` BEGIN
  SELECT RAISE(ABORT, 'hub_events is append-only');
END;
