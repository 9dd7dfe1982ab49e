package org.offerdesk.sandbox.catalog;

import java.time.Instant;

/**
 * What every catalog entity has: an ID, an owning account, a revision that grows with each applied
 * change set, and the time of its last change. Subclasses are stored as JSON documents.
 */
public abstract sealed class CatalogEntity permits SaaSProduct, Offer, ResaleAuthorization {

  String id;
  String ownerAccountId;
  int revision;
  Instant lastModified;

  public String id() {
    return id;
  }

  public String ownerAccountId() {
    return ownerAccountId;
  }

  public int revision() {
    return revision;
  }

  public Instant lastModified() {
    return lastModified;
  }

  public abstract EntityType type();

  /** The name ListEntities shows. */
  public abstract String name();

  /** The one other account that may see this entity (as SHARED), or null. */
  abstract String sharedWithAccountId();
}
