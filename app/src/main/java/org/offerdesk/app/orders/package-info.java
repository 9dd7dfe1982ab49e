/**
 * Orders: every agreement from acceptance through registration, provisioning and booking.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Orders")
package org.offerdesk.app.orders;
