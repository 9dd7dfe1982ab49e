/** Fault injection under {@code /sandbox/faults}: throttling, forced change-set failures, extra delay,
 * and duplicated, delayed or reordered event delivery. */
package org.offerdesk.sandbox.faults;
