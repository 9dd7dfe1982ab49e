/**
 * Money as every capability handles it: an exact decimal amount with its currency, never a double.
 *
 * <p>May call no other module: the others build on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Money", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.offerdesk.app.money;
