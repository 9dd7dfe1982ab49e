package org.offerdesk.sandbox.catalog;

import java.util.Arrays;
import java.util.Optional;

/** The entity types of the sandbox's catalog, with the bare name ListEntities uses and the versioned one changes use. */
public enum EntityType {
  SAAS_PRODUCT("SaaSProduct", "SaaSProduct@1.0", "prod-"),
  OFFER("Offer", "Offer@1.0", "offer-"),
  RESALE_AUTHORIZATION("ResaleAuthorization", "ResaleAuthorization@1.0", "resaleauthz-");

  private final String bareName;
  private final String versionedName;
  private final String idPrefix;

  EntityType(String bareName, String versionedName, String idPrefix) {
    this.bareName = bareName;
    this.versionedName = versionedName;
    this.idPrefix = idPrefix;
  }

  public String bareName() {
    return bareName;
  }

  public String versionedName() {
    return versionedName;
  }

  String idPrefix() {
    return idPrefix;
  }

  static Optional<EntityType> ofBareName(String name) {
    return Arrays.stream(values()).filter(t -> t.bareName.equals(name)).findFirst();
  }

  static Optional<EntityType> ofVersionedName(String name) {
    return Arrays.stream(values()).filter(t -> t.versionedName.equals(name)).findFirst();
  }
}
