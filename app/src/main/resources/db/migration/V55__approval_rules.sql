-- Approval rules: per organization, what makes an offer (or a resale authorization) need approval before it
-- is published, and who approves. A request records the rules the subject triggered, each one's decision,
-- the facts shown to the approver and the values of the fields the rules look at (an edit to one of them
-- after approval sends the request back: SUPERSEDED).
CREATE TABLE approval_rule (
  organization_id  uuid NOT NULL REFERENCES organization (id),
  position         integer NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('DISCOUNT_OVER_PERCENT', 'CONTRACT_VALUE_OVER', 'CUSTOM_EULA',
                     'INSTALLMENTS_OVER', 'DURATION_OVER_MONTHS', 'RESALE_AUTHORIZATION')),
  threshold        numeric(20, 4),
  approver_role    text,
  approvers        jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (organization_id, position)
);

CREATE TABLE approval_request (
  id                 uuid PRIMARY KEY,
  organization_id    uuid NOT NULL REFERENCES organization (id),
  subject_type       text NOT NULL CHECK (subject_type IN ('OFFER', 'RESALE_AUTHORIZATION')),
  subject_id         uuid NOT NULL,
  title              text NOT NULL,
  link               text NOT NULL,
  status             text NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'SUPERSEDED')),
  rules              jsonb NOT NULL,
  facts              jsonb NOT NULL,
  watched            jsonb NOT NULL,
  requested_by       text NOT NULL,
  requested_by_user  uuid,
  requested_at       timestamptz NOT NULL,
  decided_by         text,
  decided_at         timestamptz,
  comment            text,
  version            integer NOT NULL DEFAULT 0
);
CREATE INDEX approval_request_by_subject ON approval_request (organization_id, subject_id, requested_at DESC);
CREATE INDEX approval_request_by_status ON approval_request (organization_id, status, requested_at DESC, id);
CREATE INDEX approval_request_by_time ON approval_request (organization_id, requested_at DESC, id);
