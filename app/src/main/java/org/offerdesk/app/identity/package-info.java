/**
 * Identity and tenancy: organizations (sellers and resellers), their users and roles, API tokens,
 * sign-in and the audit log. Its public surface is who is calling ({@link
 * org.offerdesk.app.identity.Caller}), what each role may do ({@link
 * org.offerdesk.app.identity.Role}) and {@link org.offerdesk.app.identity.AuditLog}.
 *
 * <p>May call: errors, runtime, secrets, web (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package org.offerdesk.app.identity;
