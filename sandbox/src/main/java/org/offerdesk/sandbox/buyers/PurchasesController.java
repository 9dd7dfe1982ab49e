package org.offerdesk.sandbox.buyers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The buyer's side of the control API. {@code POST /sandbox/offers/{offerId}/accept}
 * {@code {"buyerAccountId":"…"}} and {@code POST /sandbox/products/{productId}/subscribe}
 * {@code {"buyerAccountId":"…","dimensions":[{"key":"Seats","quantity":10}]}} answer 201
 * {@code {"agreementId":"…","fulfillment":{"url":"…","token":"…"}}}; refusals answer 4xx
 * {@code {"error":"…","code":"…"}} and change nothing.
 */
@RestController
class PurchasesController {

  private final Purchases purchases;

  PurchasesController(Purchases purchases) {
    this.purchases = purchases;
  }

  record DimensionQuantity(String key, Long quantity) {}

  record PurchaseRequest(String buyerAccountId, List<DimensionQuantity> dimensions) {
    Map<String, Long> quantities() {
      Map<String, Long> q = new LinkedHashMap<>();
      if (dimensions != null) {
        for (DimensionQuantity d : dimensions) {
          if (d == null || d.key() == null || q.put(d.key(), d.quantity()) != null) {
            throw new PurchaseRefused(400, "INVALID_DIMENSION", "Each dimension needs a key, once");
          }
        }
      }
      return q;
    }
  }

  record Fulfillment(String url, String token) {}

  record PurchaseView(String agreementId, Fulfillment fulfillment) {
    static PurchaseView of(Purchases.Purchase p) {
      return new PurchaseView(p.agreement().agreementId(), new Fulfillment(p.fulfillmentUrl(), p.token()));
    }
  }

  @PostMapping("/sandbox/offers/{offerId}/accept")
  ResponseEntity<PurchaseView> accept(@PathVariable String offerId, @RequestBody PurchaseRequest request) {
    Purchases.Purchase p = purchases.accept(offerId, request.buyerAccountId(), request.quantities());
    return ResponseEntity.status(HttpStatus.CREATED).body(PurchaseView.of(p));
  }

  @PostMapping("/sandbox/products/{productId}/subscribe")
  ResponseEntity<PurchaseView> subscribe(@PathVariable String productId, @RequestBody PurchaseRequest request) {
    Purchases.Purchase p = purchases.subscribe(productId, request.buyerAccountId(), request.quantities());
    return ResponseEntity.status(HttpStatus.CREATED).body(PurchaseView.of(p));
  }

  @ExceptionHandler(PurchaseRefused.class)
  ResponseEntity<Map<String, String>> refused(PurchaseRefused e) {
    return ResponseEntity.status(e.status()).body(Map.of("error", e.getMessage(), "code", e.code()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
    return ResponseEntity.badRequest().body(Map.of("error", "The request body is not the expected JSON", "code", "INVALID_REQUEST"));
  }
}
