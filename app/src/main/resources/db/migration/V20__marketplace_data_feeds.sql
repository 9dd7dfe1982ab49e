-- Where an organization's seller data feeds are delivered: the S3 bucket (and optional key prefix) that
-- OfferDesk reads with the marketplace connection's credentials.
CREATE TABLE marketplace_data_feed (
  organization_id  uuid PRIMARY KEY REFERENCES organization (id),
  bucket           text NOT NULL,
  prefix           text,
  kms_note         text,
  updated_at       timestamptz NOT NULL,
  updated_by       text NOT NULL
);
