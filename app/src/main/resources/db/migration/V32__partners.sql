-- The ISV's channel partners: resellers by name and AWS account, their contacts, and the reseller
-- organization on this OfferDesk once its admin accepted an invitation.
CREATE TABLE partner (
  id                        uuid PRIMARY KEY,
  organization_id           uuid NOT NULL REFERENCES organization (id),
  name                      text NOT NULL,
  aws_account_id            text NOT NULL,
  contacts                  jsonb NOT NULL DEFAULT '[]',
  reseller_organization_id  uuid REFERENCES organization (id),
  invited_email             text,
  invited_at                timestamptz,
  created_at                timestamptz NOT NULL,
  UNIQUE (organization_id, aws_account_id)
);
