package org.offerdesk.app.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job claim reads the due jobs by a plain scan of the pending index in due order, never as a bitmap: a bitmap
 * scan does not mark the entries of jobs already done as dead, so under a steady stream of jobs (a publish makes
 * three to five) every claim read all those entries again until the next vacuum. Sequential scans are switched off
 * here so that the plan does not depend on how few jobs the test database holds.
 */
@OfferDeskTest
class JobClaimPlanTest {

  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;

  @Test
  void the_due_jobs_of_each_lane_are_read_in_due_order_from_the_pending_index_not_as_a_bitmap() {
    List<String> plan = tx.execute(s -> {
      jdbc.sql("SET LOCAL enable_seqscan = off").update();
      List<String> lines = jdbc.sql("EXPLAIN " + JobWorker.CLAIM)
          .param("me", "plan-test")
          .param("takeover", "30 seconds")
          .param("now", Timestamp.from(Instant.now()))
          .param("callingOut", new String[] {"offers.publish"})
          .param("localLimit", 4)
          .param("callingOutLimit", 4)
          .query(String.class).list();
      s.setRollbackOnly();
      return lines;
    });
    String text = String.join("\n", plan);
    assertThat(plan.stream().filter(l -> l.contains("Index Scan using job_pending_by_due"))).as(text).hasSize(2);
    assertThat(text).doesNotContain("Bitmap");
  }
}
