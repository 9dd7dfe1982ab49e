/**
 * Who may use the sandbox's control API ({@code /sandbox/**}: accounts, clock, faults, payment terms, the
 * buyer's side): a caller with the admin token, or a loopback caller while the sandbox listens on loopback
 * only. The AWS wire endpoints are signed with SigV4 instead.
 */
package org.offerdesk.sandbox.control;
