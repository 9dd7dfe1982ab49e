-- The ISV's partners directory: the resellers it works with, by name and AWS account ID, with a contact, and
-- the invitation that lets one open its own reseller organization on this OfferDesk. Only the hash of the
-- invitation's secret is kept; the secret itself is in the email alone.
CREATE TABLE partner (
  id                        uuid PRIMARY KEY,
  organization_id           uuid NOT NULL REFERENCES organization (id),
  name                      text NOT NULL,
  aws_account_id            text NOT NULL,
  contact_name              text,
  contact_email             text,
  invitation_token_hash     text UNIQUE,
  invited_email             text,
  invited_at                timestamptz,
  invitation_expires_at     timestamptz,
  accepted_at               timestamptz,
  reseller_organization_id  uuid REFERENCES organization (id),
  version                   integer NOT NULL DEFAULT 0,
  created_at                timestamptz NOT NULL,
  updated_at                timestamptz NOT NULL,
  UNIQUE (organization_id, aws_account_id)
);
CREATE INDEX partner_by_name ON partner (organization_id, name, id);
