/**
 * Money as every capability handles it: {@link org.offerdesk.app.money.Money}, an exact decimal amount with
 * its ISO currency (never a double, never a BigDecimal beside a currency string), and
 * {@link org.offerdesk.app.money.MoneyFormat}, the one way amounts are written: decimal strings with a
 * separate currency in the API and CSV, grouped with the currency on pages and in emails. Depends on nothing.
 *
 * <p>May call no other module: the others build on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Money", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.offerdesk.app.money;
