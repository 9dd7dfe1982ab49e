package org.offerdesk.sandbox.catalog;

import java.util.List;

/** A pricing dimension of a product, such as seats or an edition tier. */
public record Dimension(String key, String name, String description, String unit, List<String> types) {}
