/**
 * The sandbox's movable clock: the only source of business time in the sandbox, moved forward by
 * {@code POST /sandbox/clock/advance}, with its offset kept in the database.
 */
package org.offerdesk.sandbox.clock;
