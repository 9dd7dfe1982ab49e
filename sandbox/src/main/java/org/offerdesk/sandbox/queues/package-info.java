/**
 * Amazon SQS as the SDK's JSON protocol speaks it: every seller and reseller account's queue
 * {@code aws-marketplace-events}, with visibility timeouts, redelivery and long polling, kept in PostgreSQL.
 */
package org.offerdesk.sandbox.queues;
