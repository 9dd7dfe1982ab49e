/**
 * The marketplace's money side: buyers invoiced and collected by their payment terms, listing fees from
 * dated rules, payouts by each seller's disbursement settings, refunds through billing adjustments, all
 * written as immutable billing events (billingeventfeed_v1 rows) and run exactly once as the clock moves.
 */
package org.offerdesk.sandbox.billing;
