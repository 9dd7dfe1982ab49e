package org.offerdesk.sandbox.queues;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.sandbox.clock.Alarm;
import org.offerdesk.sandbox.clock.ClockMoved;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The messages of the accounts' queues (table {@code queue_message}). A message can be received once its
 * {@code visible_at} has come, by the sandbox clock; receiving it hides it again for the visibility
 * timeout and gives it a new receipt handle; deleting it by any of its handles acknowledges it.
 */
@Repository
public class Queues {

  /** The queue AWS Marketplace delivers a seller's events to, in the sandbox. */
  public static final String EVENTS_QUEUE = "aws-marketplace-events";
  /** How soon a long poll looks again when a visible message is held by another receive's transaction. */
  private static final long HELD_RETRY_MILLIS = 20;

  private final JdbcTemplate jdbc;
  private final Clock clock;
  /** Signalled by a send, a visibility change and a clock move: a long poll waits on it. */
  private final Alarm arrivals = new Alarm();

  Queues(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Puts a message on a queue, visible after {@code delay}. {@code first} puts it ahead of every message
   * already waiting (how the sandbox reorders deliveries when asked to).
   */
  public String send(String accountId, String queueName, String body, Duration delay, boolean first) {
    String id = UUID.randomUUID().toString();
    Instant now = clock.instant();
    String position = first
        ? "(SELECT coalesce(min(position), 0) - 1 FROM queue_message WHERE account_id = ? AND queue_name = ?)"
        : "nextval('queue_message_position')";
    List<Object> args = new ArrayList<>(List.of(UUID.fromString(id), accountId, queueName));
    if (first) {
      args.addAll(List.of(accountId, queueName));
    }
    args.addAll(List.of(body, md5(body), Timestamp.from(now), Timestamp.from(now.plus(delay))));
    jdbc.update("INSERT INTO queue_message (message_id, account_id, queue_name, position, body, body_md5, sent_at, visible_at) "
        + "VALUES (?, ?, ?, " + position + ", ?, ?, ?, ?)", args.toArray());
    arrivals.signalAfterCommit();
    return id;
  }

  /**
   * Receives up to {@code max} visible messages, hiding them for {@code visibility}, each with a new receipt
   * handle: one statement picks them (locked, skipping those another receive holds), one hides them all.
   */
  @Transactional
  public Received receive(String accountId, String queueName, int max, Duration visibility) {
    Instant now = clock.instant();
    List<String> ids = new ArrayList<>();
    Instant[] nextVisible = new Instant[1];
    // The same statement answers, when nothing is visible, when the queue's next message will be (a delay, a
    // visibility timeout or a receive still holding it): how long a long poll may sleep.
    jdbc.query("""
        WITH picked AS (
          SELECT message_id, position FROM queue_message WHERE account_id = ? AND queue_name = ? AND visible_at <= ?
          ORDER BY position LIMIT ? FOR UPDATE SKIP LOCKED)
        SELECT message_id::text, NULL::timestamptz, position FROM picked
        UNION ALL
        SELECT NULL, min(visible_at), NULL FROM queue_message
          WHERE account_id = ? AND queue_name = ? AND NOT EXISTS (SELECT 1 FROM picked)
        ORDER BY 3""", rs -> {
      if (rs.getString(1) != null) {
        ids.add(rs.getString(1));
      } else if (rs.getTimestamp(2) != null) {
        nextVisible[0] = rs.getTimestamp(2).toInstant();
      }
    }, accountId, queueName, Timestamp.from(now), max, accountId, queueName);
    if (ids.isEmpty()) {
      return new Received(List.of(), nextVisible[0]);
    }
    List<String> handles = new ArrayList<>();
    for (String id : ids) {
      handles.add(Base64.getUrlEncoder().withoutPadding()
          .encodeToString((id + ":" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)));
    }
    Map<String, QueueMessage> byId = new HashMap<>();
    jdbc.query(c -> {
      var s = c.prepareStatement("""
          UPDATE queue_message m SET receive_count = receive_count + 1, visible_at = ?, receipt_handle = h.handle,
            first_received_at = coalesce(first_received_at, ?)
          FROM unnest(CAST(? AS uuid[]), CAST(? AS text[])) AS h(message_id, handle) WHERE m.message_id = h.message_id
          RETURNING m.message_id::text, m.receipt_handle, m.body, m.body_md5, m.sent_at, m.receive_count,
            m.first_received_at""");
      s.setTimestamp(1, Timestamp.from(now.plus(visibility)));
      s.setTimestamp(2, Timestamp.from(now));
      s.setArray(3, c.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
      s.setArray(4, c.createArrayOf("text", handles.toArray()));
      return s;
    }, rs -> {
      byId.put(rs.getString(1), new QueueMessage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
          rs.getTimestamp(5).toInstant(), rs.getInt(6), rs.getTimestamp(7).toInstant()));
    });
    // In queue order, as they were picked.
    return new Received(ids.stream().map(byId::get).toList(), null);
  }

  /**
   * What a receive came to: the messages, and when none, the sandbox time the queue's next message becomes
   * visible (null if the queue is empty; at or before now if another receive holds a visible one).
   */
  public record Received(List<QueueMessage> messages, Instant nextVisible) {}

  /** Deletes the message a receipt handle belongs to; false if the handle is not one the sandbox gave out. */
  public boolean delete(String accountId, String queueName, String receiptHandle) {
    return deleteAll(accountId, queueName, List.of(receiptHandle)).get(0);
  }

  /**
   * Deletes the messages the receipt handles belong to, in one statement; for each handle, whether it is one the
   * sandbox gave out (a valid handle of a message already deleted still counts, as in SQS).
   */
  public List<Boolean> deleteAll(String accountId, String queueName, List<String> receiptHandles) {
    List<Boolean> valid = new ArrayList<>();
    List<UUID> ids = new ArrayList<>();
    for (String handle : receiptHandles) {
      Optional<String> id = messageId(handle);
      valid.add(id.isPresent());
      id.ifPresent(i -> ids.add(UUID.fromString(i)));
    }
    if (!ids.isEmpty()) {
      jdbc.update(c -> {
        var s = c.prepareStatement("DELETE FROM queue_message WHERE message_id = ANY (?) AND account_id = ? AND queue_name = ?");
        s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
        s.setString(2, accountId);
        s.setString(3, queueName);
        return s;
      });
    }
    return valid;
  }

  /** What changing a message's visibility came to. */
  public enum VisibilityChange { CHANGED, INVALID_HANDLE, NOT_IN_FLIGHT }

  public VisibilityChange changeVisibility(String accountId, String queueName, String receiptHandle, Duration timeout) {
    Optional<String> id = messageId(receiptHandle);
    if (id.isEmpty()) {
      return VisibilityChange.INVALID_HANDLE;
    }
    Instant now = clock.instant();
    int changed = jdbc.update("UPDATE queue_message SET visible_at = ? WHERE message_id = ?::uuid AND account_id = ? "
            + "AND queue_name = ? AND receipt_handle = ? AND visible_at > ?",
        Timestamp.from(now.plus(timeout)), id.get(), accountId, queueName, receiptHandle, Timestamp.from(now));
    if (changed > 0) {
      arrivals.signalAfterCommit();
    }
    return changed > 0 ? VisibilityChange.CHANGED : VisibilityChange.NOT_IN_FLIGHT;
  }

  /** Messages waiting to be received, and messages received and not yet deleted or visible again. */
  public record Counts(long visible, long notVisible, long delayed) {}

  public Counts counts(String accountId, String queueName) {
    Timestamp now = Timestamp.from(clock.instant());
    return jdbc.queryForObject("SELECT count(*) FILTER (WHERE visible_at <= ?), "
            + "count(*) FILTER (WHERE visible_at > ? AND receive_count > 0), "
            + "count(*) FILTER (WHERE visible_at > ? AND receive_count = 0) "
            + "FROM queue_message WHERE account_id = ? AND queue_name = ?",
        (rs, row) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3)), now, now, now, accountId, queueName);
  }

  public void purge(String accountId, String queueName) {
    jdbc.update("DELETE FROM queue_message WHERE account_id = ? AND queue_name = ?", accountId, queueName);
  }

  /** Every message still on a queue, oldest position first, for the console. */
  public List<String> bodies(String accountId, String queueName) {
    return jdbc.queryForList("SELECT body FROM queue_message WHERE account_id = ? AND queue_name = ? ORDER BY position",
        String.class, accountId, queueName);
  }

  /** The count of signals so far: taken before a receive, handed to {@link #awaitArrival(long, long)} after it. */
  long arrivalsSeen() {
    return arrivals.seen();
  }

  /**
   * Blocks up to {@code maxMillis} (real time) or until a message may have arrived since {@code seen} (from
   * {@link #arrivalsSeen()}), whichever is sooner. A signal between the caller's empty receive and this wait is not
   * lost: the count has moved on, and this returns at once. True if a signal came, false if the time ran out.
   */
  boolean awaitArrival(long seen, long maxMillis) throws InterruptedException {
    return arrivals.await(seen, maxMillis);
  }

  /**
   * How long (real milliseconds, at most {@code atMost}) a long poll whose receive found nothing may wait before
   * it looks again: until the queue's next message becomes visible by the sandbox clock, or a little while when
   * a visible one is held by a receive that has not committed yet.
   */
  long millisUntilVisible(Received empty, long atMost) {
    if (empty.nextVisible() == null) {
      return atMost;
    }
    long left = Alarm.millisUntil(empty.nextVisible(), clock, atMost);
    return left == 0 ? Math.min(atMost, HELD_RETRY_MILLIS) : left;
  }

  /** How many long polls are waiting for a message now. */
  int waiting() {
    return arrivals.waiting();
  }

  /** Wakes long polls: a message was sent, became visible again, or the clock moved. */
  public void signal() {
    arrivals.signal();
  }

  @EventListener
  void onClockMoved(ClockMoved moved) {
    signal();
  }

  private static Optional<String> messageId(String receiptHandle) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(receiptHandle), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? Optional.empty() : Optional.of(UUID.fromString(decoded.substring(0, colon)).toString());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static String md5(String body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
