package org.offerdesk.sandbox.queues;

import java.time.Instant;

/** A message as a receiver gets it: its body, the receipt handle of this receipt, and how often it was received. */
public record QueueMessage(
    String messageId, String receiptHandle, String body, String bodyMd5, Instant sentAt, int receiveCount,
    Instant firstReceivedAt) {}
