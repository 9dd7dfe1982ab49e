package org.offerdesk.app.offers;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What other capabilities know of an offer: enough to link an order to it and to register and book it. A
 * renewal offer ({@code renewal}) names the agreement it renews, whose order it renews once accepted.
 */
public record OfferSummary(
    UUID id,
    OfferType type,
    OfferStage stage,
    String name,
    String productId,
    List<String> buyerAccountIds,
    String owner,
    String sourceAgreementId,
    Map<String, Object> bookingMetadata,
    Map<String, Object> registrationMetadata,
    Map<String, Object> contractMetadata,
    boolean renewal,
    String renewsAgreementId) {}
