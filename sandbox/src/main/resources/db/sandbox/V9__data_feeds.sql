-- Part 3, what sellers read: the objects of the sellers' data-feed buckets (an S3-compatible API serves
-- them) and the record of the daily feed deliveries that write them.

-- One object of a bucket; buckets are per account (sandbox-datafeeds-<account id>) and not stored.
CREATE TABLE s3_object (
  bucket        text        NOT NULL,
  object_key    text        NOT NULL,
  content       bytea       NOT NULL,
  etag          text        NOT NULL,
  last_modified timestamptz NOT NULL,
  PRIMARY KEY (bucket, object_key)
);

-- One row per delivery day: the delivery at 00:00 UTC of day+1 that carries the rows of that day. rows_until
-- is the end of what it carried (null when a fault held the day back for the next delivery), so a day is
-- delivered exactly once, also across restarts.
CREATE TABLE feed_delivery (
  delivery_day date        PRIMARY KEY,
  delivered_at timestamptz NOT NULL,
  rows_from    timestamptz NOT NULL,
  rows_until   timestamptz,
  fault        text
);

-- The true content of each month's file of each feed of each party. The published object equals it,
-- except after a header-only fault, until the next delivery.
CREATE TABLE feed_file (
  owner_account_id char(12) NOT NULL REFERENCES account (account_id),
  feed             text     NOT NULL,
  year_month       char(7)  NOT NULL,
  content          bytea    NOT NULL,
  PRIMARY KEY (owner_account_id, feed, year_month)
);

-- The last delivered version of each row of the feeds built from the sandbox's tables, so that a row is
-- delivered once, and a mutable one again (with a new valid_from) only when it changed.
CREATE TABLE feed_row (
  owner_account_id char(12) NOT NULL REFERENCES account (account_id),
  feed             text     NOT NULL,
  row_key          text     NOT NULL,
  fingerprint      text     NOT NULL,
  PRIMARY KEY (owner_account_id, feed, row_key)
);

-- Deliveries start at the day the sandbox reached this version (by its own clock), not at its creation.
INSERT INTO sandbox_info (key, value)
SELECT 'feeds_from', ((now() + value::interval) AT TIME ZONE 'UTC')::date::text FROM sandbox_info WHERE key = 'clock_offset'
ON CONFLICT (key) DO NOTHING;
