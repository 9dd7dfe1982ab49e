package org.offerdesk.app.offers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Reading an offer keeps the last parse of its stored JSON and gives it again only for the very same bytes: a row
 * changed by any writer (with or without a new version) reads as changed.
 */
class OfferStoreParseMemoTest {

  private final OfferStore store = new OfferStore(null, new ObjectMapper().registerModule(new JavaTimeModule()));
  private final UUID id = UUID.randomUUID();

  @Test
  void the_same_bytes_give_the_same_parse_and_other_bytes_a_new_one() throws Exception {
    Offer first = store.map(row("{\"name\":\"Northwind Analytics\"}", "[]"), 0);
    Offer again = store.map(row("{\"name\":\"Northwind Analytics\"}", "[]"), 0);
    assertThat(again.terms()).isSameAs(first.terms());
    assertThat(again.terms().name()).isEqualTo("Northwind Analytics");

    // Changed behind the version's back (the same version and time): read as it is now.
    Offer renamed = store.map(row("{\"name\":\"Contoso Analytics\"}", "[]"), 0);
    assertThat(renamed.terms().name()).isEqualTo("Contoso Analytics");
    Offer failed = store.map(row("{\"name\":\"Contoso Analytics\"}",
        "[{\"field\":\"name\",\"code\":\"TOO_LONG\",\"message\":\"Too long\"}]"), 0);
    assertThat(failed.publishErrors()).containsExactly(new Offer.PublishError("name", "TOO_LONG", "Too long"));
    assertThat(store.map(row("{\"name\":\"Contoso Analytics\"}", "null"), 0).publishErrors()).isEmpty();
  }

  private ResultSet row(String terms, String errors) throws Exception {
    ResultSet rs = mock(ResultSet.class);
    Timestamp at = Timestamp.from(Instant.parse("2027-03-01T00:00:00Z"));
    when(rs.getObject("id", UUID.class)).thenReturn(id);
    when(rs.getObject("organization_id", UUID.class)).thenReturn(UUID.randomUUID());
    when(rs.getString("type")).thenReturn("DIRECT");
    when(rs.getString("stage")).thenReturn("DRAFT");
    when(rs.getBytes("terms")).thenReturn(terms.getBytes(StandardCharsets.UTF_8));
    when(rs.getBytes("publish_errors")).thenReturn(errors.getBytes(StandardCharsets.UTF_8));
    when(rs.getInt("version")).thenReturn(3);
    when(rs.getTimestamp("created_at")).thenReturn(at);
    when(rs.getTimestamp("updated_at")).thenReturn(at);
    return rs;
  }
}
