package org.offerdesk.app.demo.internal;

import java.time.LocalDate;

/** One deal of the demo story as it is made: its buyer, its offer, and the order once the buyer accepted. */
final class Deal {

  final int index;
  final Fate fate;
  final int chapter;
  String buyer;
  String buyerName;
  String offerId;
  String marketplaceOfferId;
  String agreementId;
  String orderId;
  LocalDate acceptedOn;

  Deal(int index, Fate fate, int chapter) {
    this.index = index;
    this.fate = fate;
    this.chapter = chapter;
  }
}
