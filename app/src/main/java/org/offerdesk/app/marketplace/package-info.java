/**
 * Marketplace connector: the only way OfferDesk talks to a marketplace, through the official AWS SDK for Java v2;
 * the embedded sandbox is just another endpoint. It owns the organizations' connections, the event queue and the
 * SDK clients.
 *
 * <p>Other modules ask it through ports that speak OfferDesk types: {@link org.offerdesk.app.marketplace.MarketplaceCatalog}
 * (change sets, entities), {@link org.offerdesk.app.marketplace.MarketplaceAgreements} (agreements and their
 * {@link org.offerdesk.app.marketplace.AgreementTerm terms}), {@link org.offerdesk.app.marketplace.MarketplaceBuyers}
 * (registration tokens, entitlements), and {@link org.offerdesk.app.marketplace.MarketplaceEventHandler} for events.
 * Failures arrive as {@link org.offerdesk.app.marketplace.Marketplace.NotConnected},
 * {@link org.offerdesk.app.marketplace.MarketplaceRejection} or {@link org.offerdesk.app.marketplace.MarketplaceUnreachable};
 * listings come as {@link org.offerdesk.app.marketplace.ResultPage}s. SDK types never leave {@code internal}
 * ({@code MarketplaceSdkBoundaryTest}).
 *
 * <p>A new marketplace call (the seller data feeds in S3, billing adjustments) is added the same way: a port
 * interface here with records for what it returns, an {@code Sdk…} implementation in {@code internal} that
 * builds the request, runs it through {@code SdkCalls.translated} and translates the answer.
 *
 * <p>May call: errors, identity, jobs, outbound, runtime, secrets (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Marketplace connector")
package org.offerdesk.app.marketplace;
