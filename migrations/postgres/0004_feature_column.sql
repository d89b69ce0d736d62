-- The column holds each item's n-gram features (insight.rules encodeFeatures), not a MinHash signature.
ALTER TABLE "feedback_signatures" RENAME COLUMN "signature" TO "features";
