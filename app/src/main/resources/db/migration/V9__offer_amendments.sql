-- What an amendment started from: the agreement's product, end date and what was already invoiced, so
-- OfferDesk can warn when the new terms bill twice, change product or shorten the term.
ALTER TABLE offer ADD COLUMN amendment_baseline jsonb;
