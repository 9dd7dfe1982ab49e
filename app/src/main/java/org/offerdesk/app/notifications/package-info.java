/**
 * Notifications: email and in-console messages to the seller's team, buyers and partners, from templates.
 *
 * <p>To tell an organization's team (seller or reseller) that something happened, call {@link
 * org.offerdesk.app.notifications.TeamNotifications#notify} inside the transaction of the change: the type's
 * roles are told in the console (a bell, {@code /notifications}) and by email, as each user chose in
 * {@code /settings/notifications}.
 *
 * <p>To send an email, call {@link org.offerdesk.app.notifications.Emails#queue} inside the transaction of
 * the change that causes it. To add a template {@code x}, add four files under
 * {@code src/main/resources/templates/mail/}: {@code x.subject.txt} (one line), {@code x.txt} (plain text,
 * Thymeleaf TEXT mode: {@code [(${buyer.name})]}), {@code x.html} (Thymeleaf HTML, usually framed by
 * {@code ~{mail/_layout.html :: email('preheader', ~{::main})}}) and {@code x.sample.json} (the model the
 * Settings → Email → Templates page previews it with). The application does not start with a template
 * that lacks one of them.
 *
 * <p>May call: errors, identity, jobs, sql, web (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.offerdesk.app.notifications;
