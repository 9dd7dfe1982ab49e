package org.offerdesk.app.notifications.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.notifications.Emails;
import org.offerdesk.app.notifications.OutgoingEmail;
import org.offerdesk.app.notifications.TeamNotice;
import org.offerdesk.app.notifications.TeamNotifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides, in the caller's transaction, who is told of a notice and how: the active users whose role
 * hears of its type ({@link NoticeRules#audience}), each in the console and by email as they chose. The
 * notice's dedupe key is claimed first, so a repeated notice tells no one again; each email has its own
 * key (notice key and user), so it is queued once even if a notice were replayed by hand.
 */
@Service
class TeamNotifier implements TeamNotifications {

  private static final Logger log = LoggerFactory.getLogger(TeamNotifier.class);

  private final Notices notices;
  private final TeamMembers members;
  private final OutboxEmails emails;
  private final MailTemplates templates;
  private final Clock clock;
  private final String publicUrl;

  TeamNotifier(Notices notices, TeamMembers members, OutboxEmails emails, MailTemplates templates, Clock clock,
      @Value("${offerdesk.public-url}") String publicUrl) {
    this.notices = notices;
    this.members = members;
    this.emails = emails;
    this.templates = templates;
    this.clock = clock;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  @Override
  @Transactional
  public void notify(TeamNotice notice) {
    if (notice == null || notice.organizationId() == null || notice.type() == null || notice.dedupeKey() == null
        || notice.dedupeKey().isBlank()) {
      throw new IllegalArgumentException("A team notice needs its organization, type and dedupe key: " + notice);
    }
    String title = notice.title() == null || notice.title().isBlank()
        ? NoticeRules.label(notice.type()) : notice.title().strip();
    String link = consolePath(notice.link());
    Map<String, String> facts = new LinkedHashMap<>();
    if (notice.facts() != null) {
      notice.facts().forEach((k, v) -> {
        if (k != null && v != null) {
          facts.put(k, v);
        }
      });
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    UUID noticeId = UUID.randomUUID();
    if (!notices.addNotice(noticeId, notice.organizationId(), notice.type(), title, notice.summary(), link, facts,
        notice.dedupeKey(), now)) {
      return;
    }
    String template = NoticeRules.template(notice.type());
    for (TeamMembers.Recipient r : members.recipients(notice.organizationId(), notice.type(),
        NoticeRules.audience(notice.type()))) {
      if (notice.addressees() != null && !notice.addressees().contains(r.userId())) {
        continue;
      }
      if (r.console()) {
        notices.addNotification(noticeId, notice.organizationId(), r.userId(), now);
      }
      if (r.emailOn()) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("label", NoticeRules.label(notice.type()));
        model.put("title", title);
        model.put("summary", notice.summary());
        model.put("facts", facts);
        model.put("url", publicUrl + (link == null ? "/notifications" : link));
        model.put("preferencesUrl", publicUrl + "/settings/notifications");
        model.put("recipientName", r.displayName());
        model.put("organizationName", r.organizationName());
        queueEmail(new OutgoingEmail(notice.organizationId(), List.of(r.email()), template, model,
            "team-notice:" + notice.dedupeKey() + ":" + r.userId()));
      }
    }
  }

  /**
   * Queues one email, or logs why it cannot. Checked before queuing, because a failure inside
   * {@link Emails#queue} would mark the caller's transaction for rollback, and an email must never undo
   * the business change it tells of.
   */
  private void queueEmail(OutgoingEmail email) {
    if (!OutboxEmails.isAddress(email.to().get(0))) {
      log.warn("Team notification email not queued: {} is not an address", email.to().get(0));
      return;
    }
    RenderedEmail rendered;
    try {
      rendered = templates.render(email.template(), email.model());
    } catch (IllegalArgumentException e) {
      log.error("Team notification email not queued: {}", e.getMessage(), e);
      return;
    }
    try {
      emails.queue(email, rendered); // once: rendering was a sixth of an event's Java CPU in P2, half of it twice
    } catch (DomainException e) {
      log.warn("Team notification email not queued: {}", e.getMessage());
    }
  }

  /** A path on this server, or null: anything else (another host, a script) is not linked to. */
  static String consolePath(String link) {
    if (link == null) {
      return null;
    }
    String l = link.strip();
    boolean path = l.startsWith("/") && !l.startsWith("//") && l.chars().noneMatch(c -> c < ' ' || c == '\\');
    if (!path) {
      log.warn("Team notice link '{}' is not a console path; the notification links to /notifications", link);
      return null;
    }
    return l;
  }
}
