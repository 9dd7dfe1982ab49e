/**
 * Approvals: the rules an organization's admins set on what may be published without a second pair of eyes
 * (a discount off list over a percentage, a contract value over an amount, a custom EULA, more installments
 * or a longer duration than allowed, any resale authorization), the requests reps submit, and the approvers'
 * decisions. Offers and partners ask {@link org.offerdesk.app.approvals.Approvals} before they publish and
 * hand it the facts of what they publish ({@link org.offerdesk.app.approvals.ApprovalSubject}); this module
 * never reads their tables. A decision is announced as {@link org.offerdesk.app.approvals.ApprovalDecided}
 * for the subject's timeline.
 *
 * <p>May call: errors, identity, money, notifications, sql, web (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Approvals")
package org.offerdesk.app.approvals;
