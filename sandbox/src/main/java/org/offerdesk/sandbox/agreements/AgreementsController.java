package org.offerdesk.sandbox.agreements;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Control API for what ends agreements early on AWS: {@code POST /sandbox/agreements/{id}/cancel} (the
 * buyer cancels) and {@code POST /sandbox/agreements/{id}/terminate} (AWS terminates), each with its
 * Ended and License Deprovisioned events.
 */
@RestController
class AgreementsController {

  private final AgreementLifecycle lifecycle;

  AgreementsController(AgreementLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @PostMapping("/sandbox/agreements/{agreementId}/cancel")
  ResponseEntity<Map<String, String>> cancel(@PathVariable String agreementId) {
    return end(agreementId, AgreementStatus.CANCELLED);
  }

  @PostMapping("/sandbox/agreements/{agreementId}/terminate")
  ResponseEntity<Map<String, String>> terminate(@PathVariable String agreementId) {
    return end(agreementId, AgreementStatus.TERMINATED);
  }

  private ResponseEntity<Map<String, String>> end(String agreementId, AgreementStatus how) {
    try {
      return lifecycle.endEarly(agreementId, how)
          .map(a -> ResponseEntity.ok(Map.of("agreementId", a.agreementId(), "status", a.status().name())))
          .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
              .body(Map.of("error", "Agreement " + agreementId + " does not exist", "code", "AGREEMENT_NOT_FOUND")));
    } catch (IllegalStateException e) {
      return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage(), "code", "AGREEMENT_NOT_ACTIVE"));
    }
  }
}
