-- SearchAgreements filters in SQL: OfferDesk's agreement sweep asks once per open offer, by the seller and the
-- offer, and now reads only that offer's agreements. The seller's index alone is this one's prefix.
CREATE INDEX agreement_by_proposer_and_offer ON agreement (proposer_account_id, offer_id);
DROP INDEX agreement_by_proposer;
