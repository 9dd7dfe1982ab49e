/** Fault injection under {@code /sandbox/faults}: throttling, forced change-set failures, extra delay. */
package org.offerdesk.sandbox.faults;
