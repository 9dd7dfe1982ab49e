-- An offer made outside OfferDesk may not state its currency or prices: those stay unknown (NULL)
-- instead of a made-up USD 0, and the offer is shown as needing review.
ALTER TABLE offer ALTER COLUMN currency DROP NOT NULL;
ALTER TABLE offer ALTER COLUMN contract_total DROP NOT NULL;
UPDATE offer SET currency = NULL WHERE currency = '';
