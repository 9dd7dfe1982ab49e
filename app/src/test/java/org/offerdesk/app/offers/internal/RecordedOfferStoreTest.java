package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.postgres.RecordedStatements;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the tests of the offer store's statement counts share: a store whose every prepared statement is recorded
 * ({@link #statements}, in order) and a seller of its own ({@link #org}), made before each test.
 */
abstract class RecordedOfferStoreTest {

  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired ObjectMapper mapper;

  /** Every statement {@link #store} prepares, in order. */
  final List<String> statements = new CopyOnWriteArrayList<>();
  OfferStore store;
  UUID org;

  /** The name of the seller each test starts with. */
  abstract String sellerName();

  @BeforeEach
  void recordingStoreAndSeller() {
    store = new OfferStore(JdbcClient.create(RecordedStatements.recording(dataSource, statements)), mapper);
    org = new TestTenants(context).seller(sellerName()).organizationId();
  }
}
