-- SearchAgreements filters in SQL: OfferDesk's agreement sweep asks once per open offer, by the seller and the
-- offer, and now reads only that offer's agreements. (Numbered 186, the platform's number this change was given,
-- so that it cannot clash with another branch's sandbox migration.) The seller's index alone is this one's prefix.
CREATE INDEX agreement_by_proposer_and_offer ON agreement (proposer_account_id, offer_id);
DROP INDEX agreement_by_proposer;
