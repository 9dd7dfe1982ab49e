package org.offerdesk.app.orders.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.orders.OrderKind;
import org.offerdesk.app.orders.OrderStatus;
import org.offerdesk.app.web.ApiProblem;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Service;

/** The orders table: filters, search, newest first, stable cursor pages, CSV. */
@Service
class OrderQueries {

  /** What the orders table filters by; null means any. */
  record Filter(OrderStatus status, OrderKind kind, String q) {}

  private final OrderStore orders;

  OrderQueries(OrderStore orders) {
    this.orders = orders;
  }

  CursorPage<Order> list(Caller caller, Filter filter, String cursor, int limit) {
    MapSqlParameterSource p = new MapSqlParameterSource();
    StringBuilder sql = new StringBuilder("SELECT * FROM customer_order WHERE organization_id = :org");
    where(filter, sql, p);
    if (cursor != null && !cursor.isBlank()) {
      String[] parts = decode(cursor);
      sql.append(" AND (created_at, id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))");
      p.addValue("afterAt", parts[0]).addValue("afterId", parts[1]);
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
    p.addValue("limit", limit + 1);
    List<Order> rows = orders.list(caller.organizationId(), sql.toString(), p);
    if (rows.size() <= limit) {
      return new CursorPage<>(rows, null);
    }
    List<Order> page = List.copyOf(rows.subList(0, limit));
    Order last = page.get(limit - 1);
    String raw = last.createdAt() + "\n" + last.id();
    return new CursorPage<>(page, Base64.getUrlEncoder().withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
  }

  /** The table's filters as SQL conditions, shared with the per-status counts. */
  static void where(Filter filter, StringBuilder sql, MapSqlParameterSource p) {
    if (filter.status() != null) {
      sql.append(" AND status = :status");
      p.addValue("status", filter.status().name());
    }
    if (filter.kind() != null) {
      sql.append(" AND kind = :kind");
      p.addValue("kind", filter.kind().name());
    }
    if (filter.q() != null && !filter.q().isBlank()) {
      sql.append(" AND (buyer_account_id = :exact OR agreement_id = :exact OR marketplace_offer_id = :exact"
          + " OR product_id = :exact OR CAST(id AS text) = :exact OR lower(registration ->> 'company') LIKE :like"
          + " OR lower(registration ->> 'email') LIKE :like)");
      p.addValue("exact", filter.q().strip());
      p.addValue("like", "%" + filter.q().strip().toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
    }
  }

  String csv(Caller caller, Filter filter) {
    CsvExport out = CsvExport.table(List.of("id", "kind", "status", "agreement_id", "buyer_account_id", "company",
        "product_id", "currency", "total_contract_value", "accepted_at", "registered_by", "offer_id", "flags"));
    String cursor = null;
    do {
      CursorPage<Order> page = list(caller, filter, cursor, CursorPage.MAX_LIMIT);
      for (Order o : page.items()) {
        List<String> row = List.of(o.id().toString(), o.kind().name(), o.status().name(), o.agreementId(),
            o.buyerAccountId(), o.registration() == null ? "" : nz(o.registration().company()), nz(o.productId()),
            nz(o.currency()), MoneyFormat.cell(o.totalContractValue()),
            o.acceptedAt() == null ? "" : o.acceptedAt().toString(),
            o.registration() == null ? "" : o.registration().source().name(),
            o.offerId() == null ? "" : o.offerId().toString(), String.join(" ", o.flags()));
        out.row(row);
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return out.text();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String[] decode(String cursor) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 2);
      Instant.parse(parts[0]);
      UUID.fromString(parts[1]);
      return parts;
    } catch (RuntimeException e) {
      throw ApiProblem.invalid("cursor", "is not a cursor this list returned");
    }
  }
}
