/**
 * How this instance runs: its mode (demo or production, {@link org.offerdesk.app.runtime.RunMode}) and its
 * two kinds of time. Business time is the {@link java.time.Clock} bean (it may follow the sandbox's movable
 * clock in the demo); security time is {@link org.offerdesk.app.runtime.SecurityClock}, always the wall clock.
 *
 * <p>May call no other module: the others build on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Runtime", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.offerdesk.app.runtime;
