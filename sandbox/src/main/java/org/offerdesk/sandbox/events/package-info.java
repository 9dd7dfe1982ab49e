/**
 * The events AWS Marketplace sends sellers through EventBridge, delivered to each seller's and reseller's
 * {@code aws-marketplace-events} queue in the transaction of the change they report, with the delivery
 * faults {@code /sandbox/faults} injects.
 */
package org.offerdesk.sandbox.events;
