-- Agreements are created when a buyer accepts an offer (sandbox part 2). The catalog already reads
-- them: CreateReplacementOffer needs an existing, active agreement of the calling seller.
CREATE TABLE agreement (
  agreement_id        text PRIMARY KEY,
  offer_id            text        NOT NULL,
  product_id          text        NOT NULL,
  proposer_account_id char(12)    NOT NULL,
  acceptor_account_id char(12)    NOT NULL,
  status              text        NOT NULL,
  acceptance_time     timestamptz NOT NULL,
  start_time          timestamptz NOT NULL,
  end_time            timestamptz
);
CREATE INDEX agreement_by_proposer ON agreement (proposer_account_id);
