package org.offerdesk.sandbox.catalog;

/**
 * What happened in the catalog that AWS tells sellers about, published in the transaction of the change
 * so that the events are written with it.
 */
public sealed interface CatalogEvent {

  /** A change set ended SUCCEEDED, FAILED or CANCELLED. */
  record ChangeSetEnded(ChangeSet changeSet, String changeSetArn) implements CatalogEvent {}

  /** A change set released an offer. */
  record OfferReleased(Offer offer, SaaSProduct product, String offerArn, String productArn, String changeSetId)
      implements CatalogEvent {}
}
