/**
 * Orders: every agreement the seller's (or reseller's) account gets, from acceptance through
 * registration, provisioning and booking ({@link org.offerdesk.app.orders.OrderStatus}), and its renewal as the
 * agreement nears its end ({@link org.offerdesk.app.orders.RenewalStatus}).
 *
 * <p>May call: errors, identity, jobs, listings, marketplace, money, notifications, offers, sql, web, webhooks (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Orders")
package org.offerdesk.app.orders;
