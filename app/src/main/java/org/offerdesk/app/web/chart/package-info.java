/**
 * Charts drawn on the server as SVG (no script, nothing to load): {@link org.offerdesk.app.web.chart.BarChart}
 * lays out stacked or grouped bars from amounts, and the template fragment {@code fragments/chart.html} draws
 * it, each bar a link where the caller gave one. The dashboard's bookings and the finance page's money use it.
 */
package org.offerdesk.app.web.chart;
