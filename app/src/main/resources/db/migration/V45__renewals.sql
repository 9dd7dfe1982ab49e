-- Renewals: a renewal offer is flagged (AWS charges renewals a lower listing fee) and names the agreement it
-- renews; each order whose agreement nears its end has a renewal row (its status, a churn reason, the
-- renewal offer and the order that renewed it) and the alerts already sent for it, once per threshold.
ALTER TABLE offer ADD COLUMN renewal boolean NOT NULL DEFAULT false;
ALTER TABLE offer ADD COLUMN renews_agreement_id text;
CREATE INDEX offer_by_renewed_agreement ON offer (organization_id, renews_agreement_id)
  WHERE renews_agreement_id IS NOT NULL;

CREATE TABLE renewal (
  id                   uuid PRIMARY KEY REFERENCES customer_order (id),
  organization_id      uuid NOT NULL REFERENCES organization (id),
  agreement_id         text NOT NULL,
  buyer_account_id     text NOT NULL,
  product_id           text,
  ends_at              timestamptz NOT NULL,
  currency             text,
  contract_value       numeric(18, 3),
  owner                text,
  status               text NOT NULL CHECK (status IN ('UPCOMING', 'OFFER_SENT', 'RENEWED', 'LAPSED', 'CHURNED')),
  churn_reason         text,
  renewal_offer_id     uuid REFERENCES offer (id),
  renewed_by_order_id  uuid REFERENCES customer_order (id),
  version              integer NOT NULL DEFAULT 0,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL
);
CREATE INDEX renewal_by_end ON renewal (organization_id, ends_at, id);
CREATE INDEX renewal_by_status ON renewal (organization_id, status);
CREATE INDEX renewal_by_owner ON renewal (organization_id, owner);
CREATE INDEX customer_order_by_end ON customer_order (organization_id, ends_at);

-- One row per order and threshold ('90', '60', '30', 'ENDED'): the key that makes each alert happen once,
-- whichever instance runs the sweep and however often.
CREATE TABLE renewal_alert (
  order_id         uuid NOT NULL REFERENCES customer_order (id),
  threshold        text NOT NULL,
  organization_id  uuid NOT NULL REFERENCES organization (id),
  sent             boolean NOT NULL,
  at               timestamptz NOT NULL,
  PRIMARY KEY (order_id, threshold)
);
