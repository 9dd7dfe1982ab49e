package org.offerdesk.app.identity;

import java.util.UUID;

/** Published at every start once the demo organizations exist, so other capabilities can add to them. */
public record DemoDataSeeded(UUID demoSellerId, UUID demoResellerId) {}
