package org.offerdesk.sandbox.catalog;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /sandbox/accounts/{accountId}/products} {@code {"title":"…","visibility":"Limited","fulfillmentUrl":"…"}}
 * gives a seller a SaaS product to make offers on (visibility and fulfillment URL are optional).
 */
@RestController
class ProductsController {

  private final Products products;

  ProductsController(Products products) {
    this.products = products;
  }

  record NewProduct(String title, SaaSProduct.Visibility visibility, String fulfillmentUrl) {}

  record ProductView(String productId, String title, String productCode, String visibility, String fulfillmentUrl) {}

  @PostMapping("/sandbox/accounts/{accountId}/products")
  ResponseEntity<ProductView> add(@PathVariable String accountId, @RequestBody NewProduct request) {
    SaaSProduct p = products.add(accountId, request.title(), request.visibility(), request.fulfillmentUrl());
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new ProductView(p.id(), p.title(), p.productCode(), p.visibility().name(), p.fulfillmentUrl()));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> refused(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }
}
