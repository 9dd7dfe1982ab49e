/**
 * Finance: the seller data feeds read from the marketplace's S3 bucket (billing events, agreements, offers),
 * the ledger derived from them (invoices with fees, refunds, collection and disbursement; payouts and their
 * lines), reconciliation of each payout to its orders, the exceptions queue, totals and the forecast.
 *
 * <p>Bank statements uploaded by the finance team are matched to payouts ({@code internal/BankStatements},
 * {@code internal/DepositMatcher}).
 *
 * <p>It implements {@link org.offerdesk.app.orders.OrderMoney} and {@link org.offerdesk.app.offers.NetRevenue}, so
 * the orders API and the offers and orders tables show money without depending on finance; it asks partners
 * where a channel deal's resale authorization is shown.
 *
 * <p>May call: errors, identity, jobs, marketplace, money, notifications, offers, orders, partners, web, webhooks (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Finance")
package org.offerdesk.app.finance;
