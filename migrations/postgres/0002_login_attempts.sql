-- Sign-in throttling moves to rate-limiter-flexible's counters, which expire with their window;
-- the old table kept a row for every username ever tried, unknown ones included, forever.
DROP TABLE IF EXISTS "login_failures";

-- The shape RateLimiterPostgres reads and writes (key, points, expire in epoch ms); created here so
-- that no request runs DDL. Expired rows are deleted by the limiter every few minutes.
CREATE TABLE "login_attempts" (
  "key" text COLLATE "C" PRIMARY KEY,
  "points" bigint NOT NULL DEFAULT 0,
  "expire" bigint
);
