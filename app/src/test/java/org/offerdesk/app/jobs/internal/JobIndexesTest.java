package org.offerdesk.app.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every claim of a job writes an entry into each index of running jobs, so there is one (V188): the one by owner
 * that a takeover reads. The lease column is written NULL and read by nothing, so no index holds it.
 */
@OfferDeskTest
class JobIndexesTest {

  @Autowired JdbcClient jdbc;

  @Test
  void the_running_jobs_are_indexed_by_owner_alone_and_nothing_indexes_the_lease() {
    assertThat(jdbc.sql("""
        SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = 'job'::regclass AND pg_get_indexdef(x.indexrelid) LIKE '%RUNNING%' ORDER BY 1""")
        .query(String.class).list()).containsExactly("job_running_by_owner");
    assertThat(jdbc.sql("""
        SELECT count(*) FROM pg_index x WHERE x.indrelid = 'job'::regclass
          AND pg_get_indexdef(x.indexrelid) LIKE '%lease_until%'""").query(Long.class).single()).isZero();
  }
}
