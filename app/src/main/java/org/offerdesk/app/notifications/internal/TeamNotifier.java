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
import org.offerdesk.app.notifications.NotificationType;
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
  private final Emails emails;
  private final Clock clock;
  private final String publicUrl;
  private final MailTemplates templates;
  private final java.util.Set<NotificationType> prepared = java.util.concurrent.ConcurrentHashMap.newKeySet();

  TeamNotifier(Notices notices, TeamMembers members, Emails emails, Clock clock,
      @Value("${offerdesk.public-url}") String publicUrl, MailTemplates templates) {
    this.templates = templates;
    this.notices = notices;
    this.members = members;
    this.emails = emails;
    this.clock = clock;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  @Override
  @Transactional
  public void notify(TeamNotice notice) {
    notifyAll(List.of(notice));
  }

  /**
   * The notices' rows in one statement, each one's notifications (all of them in one statement) and emails: whose
   * dedupe key was used before tells no one again. Who hears of a type is read once for all its notices.
   */
  @Override
  @Transactional
  public void notifyAll(List<TeamNotice> all) {
    for (TeamNotice notice : all) {
      if (notice == null || notice.organizationId() == null || notice.type() == null || notice.dedupeKey() == null
          || notice.dedupeKey().isBlank()) {
        throw new IllegalArgumentException("A team notice needs its organization, type and dedupe key: " + notice);
      }
    }
    if (all.isEmpty()) {
      return;
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<Notices.NewNotice> rows = new java.util.ArrayList<>();
    for (TeamNotice notice : all) {
      String title = notice.title() == null || notice.title().isBlank()
          ? NoticeRules.label(notice.type()) : notice.title().strip();
      Map<String, String> facts = new LinkedHashMap<>();
      if (notice.facts() != null) {
        notice.facts().forEach((k, v) -> {
          if (k != null && v != null) {
            facts.put(k, v);
          }
        });
      }
      rows.add(new Notices.NewNotice(UUID.randomUUID(), notice.organizationId(), notice.type(), title,
          notice.summary(), consolePath(notice.link()), facts, notice.dedupeKey()));
    }
    java.util.Set<UUID> added = notices.addNotices(rows, now);
    Map<String, List<TeamMembers.Recipient>> audiences = new java.util.HashMap<>();
    List<Notices.NewNotification> notifications = new java.util.ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      TeamNotice notice = all.get(i);
      Notices.NewNotice row = rows.get(i);
      if (!added.contains(row.id())) {
        continue;
      }
      List<TeamMembers.Recipient> audience = audiences.computeIfAbsent(notice.organizationId() + ":"
          + notice.type(), k -> members.recipients(notice.organizationId(), notice.type(),
          NoticeRules.audience(notice.type())));
      String template = NoticeRules.template(notice.type());
      for (TeamMembers.Recipient r : audience) {
        if (notice.addressees() != null && !notice.addressees().contains(r.userId())) {
          continue;
        }
        if (r.console()) {
          notifications.add(new Notices.NewNotification(row.id(), notice.organizationId(), r.userId()));
        }
        if (r.emailOn()) {
          Map<String, Object> model = new LinkedHashMap<>();
          model.put("label", NoticeRules.label(notice.type()));
          model.put("title", row.title());
          model.put("summary", notice.summary());
          model.put("facts", row.facts());
          model.put("url", publicUrl + (row.link() == null ? "/notifications" : row.link()));
          model.put("preferencesUrl", publicUrl + "/settings/notifications");
          model.put("recipientName", r.displayName());
          model.put("organizationName", r.organizationName());
          queueEmail(new OutgoingEmail(notice.organizationId(), List.of(r.email()), template, model,
              "team-notice:" + notice.dedupeKey() + ":" + r.userId()));
        }
      }
    }
    notices.addNotifications(notifications, now);
  }

  @Override
  public void prepare(java.util.Collection<NotificationType> types) {
    for (NotificationType type : types) {
      if (prepared.add(type)) {
        templates.warm(NoticeRules.template(type));
      }
    }
  }

  /**
   * Queues one email, or logs why it cannot: an email must never undo the business change it tells of, and
   * {@link Emails#queue} finds a bad address or template before it writes anything, leaving the caller's
   * transaction usable.
   */
  private void queueEmail(OutgoingEmail email) {
    if (!OutboxEmails.isAddress(email.to().get(0))) {
      log.warn("Team notification email not queued: {} is not an address", email.to().get(0));
      return;
    }
    try {
      emails.queue(email);
    } catch (IllegalArgumentException e) {
      log.error("Team notification email not queued: {}", e.getMessage(), e);
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
