/** Money as every capability handles it: an exact decimal amount with its currency, never a double. */
@org.springframework.modulith.ApplicationModule(displayName = "Money", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.offerdesk.app.money;
