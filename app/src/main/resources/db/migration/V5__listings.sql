-- Listings synced from the marketplace, with the seller's template for offers, registration and welcome.
CREATE TABLE listing (
  organization_id      uuid NOT NULL REFERENCES organization (id),
  product_id           text NOT NULL,
  title                text NOT NULL,
  product_code         text,
  state                text NOT NULL,
  dimensions           jsonb NOT NULL DEFAULT '[]',
  fulfillment_url      text,
  support_email        text,
  support_url          text,
  welcome_text         text,
  registration_fields  jsonb NOT NULL DEFAULT '[]',
  template_version     integer NOT NULL DEFAULT 0,
  synced_at            timestamptz NOT NULL,
  PRIMARY KEY (organization_id, product_id)
);
CREATE INDEX listing_by_title ON listing (organization_id, title);
