package org.offerdesk.app.secrets;

import java.util.List;
import org.offerdesk.app.secrets.SecretBox.UnreadableSecretException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-seals every stored secret that is not sealed with the current key (an older key after a rotation,
 * or the first format), on each start. Idempotent: a value already sealed with the current key is left
 * as it is, so after the first pass a start finds nothing to do. Safe with several instances: each row
 * is re-sealed in a transaction of its own under {@code FOR UPDATE SKIP LOCKED}, and checked again once
 * locked. A value no configured key opens is reported and left alone rather than stopping the start.
 */
@Component
class SecretRekeying implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(SecretRekeying.class);

  private final SecretBox box;
  private final List<SealedColumn> columns;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  SecretRekeying(SecretBox box, List<SealedColumn> columns, JdbcTemplate jdbc, TransactionTemplate tx) {
    this.box = box;
    this.columns = columns;
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public void run(ApplicationArguments args) {
    rekeyAll();
  }

  /** Re-seals what needs it in every declared column; returns how many values were re-sealed. */
  int rekeyAll() {
    int total = 0;
    for (SealedColumn column : columns) {
      total += rekey(column);
    }
    return total;
  }

  private int rekey(SealedColumn c) {
    String current = "v2:" + box.keyId() + ":%";
    List<Object> ids = jdbc.queryForList("SELECT " + c.idColumn() + " FROM " + c.table() + " WHERE " + c.column()
        + " IS NOT NULL AND " + c.column() + " NOT LIKE ?", Object.class, current);
    int resealed = 0;
    int unreadable = 0;
    for (Object id : ids) {
      Outcome outcome = tx.execute(status -> rekeyRow(c, id));
      if (outcome == Outcome.RESEALED) {
        resealed++;
      } else if (outcome == Outcome.UNREADABLE) {
        unreadable++;
      }
    }
    if (resealed > 0) {
      log.info("Re-sealed {} stored secret(s) in {} with key {}", resealed, c, box.keyId());
    }
    if (unreadable > 0) {
      log.error("{} stored secret(s) in {} open with no configured key and stay as they are: set the key they "
          + "were sealed with as OFFERDESK_SECRET_KEY_PREVIOUS, or re-enter them", unreadable, c);
    }
    return resealed;
  }

  private enum Outcome { RESEALED, UNCHANGED, UNREADABLE }

  private Outcome rekeyRow(SealedColumn c, Object id) {
    List<String> locked = jdbc.queryForList("SELECT " + c.column() + " FROM " + c.table() + " WHERE "
        + c.idColumn() + " = ? FOR UPDATE SKIP LOCKED", String.class, id);
    // Gone, locked by another instance doing the same work (or a user saving it), or done meanwhile.
    if (locked.isEmpty() || locked.get(0) == null || !box.needsResealing(locked.get(0))) {
      return Outcome.UNCHANGED;
    }
    String resealed;
    try {
      resealed = box.reseal(locked.get(0));
    } catch (UnreadableSecretException e) {
      log.warn("A secret in {} (row {}) cannot be re-sealed: {}", c, id, e.getMessage());
      return Outcome.UNREADABLE;
    }
    jdbc.update("UPDATE " + c.table() + " SET " + c.column() + " = ? WHERE " + c.idColumn() + " = ?", resealed, id);
    return Outcome.RESEALED;
  }
}
