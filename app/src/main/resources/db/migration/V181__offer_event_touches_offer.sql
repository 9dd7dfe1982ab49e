-- An offer's row gets a new version (a new xmin) in the same transaction as any change to its timeline, so that the
-- offers list can keep each offer's timeline for the row version it was read with, as it keeps the parse of the
-- stored terms (OfferTimelines, ParsedOfferJson): an insert into offer_event alone does not touch the offer's row.
-- Whoever writes the events (OfferStore.record is the only writer in OfferDesk), the offer's row version changes
-- with them. Statement-level: one UPDATE per statement, whatever its number of events; the update changes no
-- column (the pipeline trigger of V160 finds nothing moved and writes nothing). An offer whose row this transaction
-- already wrote (its xmin is this transaction: the usual case, an offer saved and then its move recorded) has its
-- new version already and is not written again (a frozen row whose xmin, 2^32 transactions old, equals this one's
-- would be passed over too: the same kind of wraparound coincidence the row version's xmin already stands on).

CREATE FUNCTION offer_event_touches_offer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE offer SET version = version WHERE id IN (SELECT offer_id FROM changed_events)
    AND xmin <> pg_current_xact_id()::xid;
  RETURN NULL;
END $$;

CREATE TRIGGER offer_event_inserted AFTER INSERT ON offer_event REFERENCING NEW TABLE AS changed_events
  FOR EACH STATEMENT EXECUTE FUNCTION offer_event_touches_offer();
CREATE TRIGGER offer_event_updated AFTER UPDATE ON offer_event REFERENCING NEW TABLE AS changed_events
  FOR EACH STATEMENT EXECUTE FUNCTION offer_event_touches_offer();
CREATE TRIGGER offer_event_deleted AFTER DELETE ON offer_event REFERENCING OLD TABLE AS changed_events
  FOR EACH STATEMENT EXECUTE FUNCTION offer_event_touches_offer();
