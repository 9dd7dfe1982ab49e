package org.offerdesk.app.offers.internal;

/** A field an admin defines for one group of offer metadata. */
record MetadataField(MetadataGroup group, String key, String label, Type type, boolean required) {

  /** The kinds of value a metadata field holds. */
  enum Type { TEXT, NUMBER, DATE, EMAIL, BOOLEAN }
}
