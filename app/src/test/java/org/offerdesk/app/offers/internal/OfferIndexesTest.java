package org.offerdesk.app.offers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every insert of an offer and every update that is not HOT writes an entry into each of the table's indexes (a
 * publish writes the row four times), so the view token is kept unique by its hash's index alone (V182): the one
 * buyer links are found by. A token already used is still refused.
 */
@OfferDeskTest
class OfferIndexesTest {

  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;

  @Test
  void the_view_token_has_one_index_its_hash() {
    assertThat(jdbc.sql("""
        SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = 'offer'::regclass AND pg_get_indexdef(x.indexrelid) LIKE '%view_token%'
        ORDER BY 1""").query(String.class).list()).containsExactly("offer_view_token_hash");
  }

  @Test
  void a_view_token_already_used_is_refused() {
    UUID org = new TestTenants(context).seller("Token Twice Co").organizationId();
    String token = "view-" + UUID.randomUUID();
    insert(org, token);
    assertThatThrownBy(() -> insert(org, token)).isInstanceOf(DuplicateKeyException.class)
        .hasMessageContaining("offer_view_token_hash");
    insert(org, token + "-other");
  }

  private void insert(UUID org, String token) {
    jdbc.sql("""
        INSERT INTO offer (id, organization_id, type, stage, product_id, name, buyer_account_ids, currency, terms,
          owner, view_token, created_at, updated_at)
        VALUES (gen_random_uuid(), :org, 'DIRECT', 'DRAFT', 'prod-token', 'Token', ARRAY['111122223333'], 'USD',
          '{}', 'token@indexes.test', :token, now(), now())""")
        .param("org", org).param("token", token).update();
  }
}
