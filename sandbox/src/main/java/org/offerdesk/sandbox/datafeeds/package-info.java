/**
 * The Seller Data Feed Delivery Service of the sandbox: every day at 00:00 UTC of the sandbox clock, each
 * seller's and reseller's feeds ({@code billingeventfeed_v1}, {@code accountfeed_v1}, …) get the previous
 * day's rows appended to {@code <feed>/year=YYYY/month=MM/data.csv} in the account's data-feed bucket.
 */
package org.offerdesk.sandbox.datafeeds;
