/** The sandbox's injected clock: the only source of business time in the sandbox. */
package org.offerdesk.sandbox.clock;
