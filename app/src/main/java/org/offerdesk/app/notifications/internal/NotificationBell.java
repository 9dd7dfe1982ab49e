package org.offerdesk.app.notifications.internal;

import java.util.Optional;
import java.util.function.Supplier;
import org.offerdesk.app.identity.Callers;
import org.offerdesk.app.web.ConsoleLayout;
import org.offerdesk.app.web.PageReads;
import org.offerdesk.app.sql.SqlReads;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The navbar bell's unread count, which web's {@link ConsoleLayout} reads while writing any console page's
 * layout (rendered with the page rather than fetched by htmx, so that pages which do not poll stay free of htmx
 * requests). A page whose reads go through {@link PageReads} has it read with them, in their transaction; other
 * pages read it while rendering.
 */
@Component("notificationBell")
class NotificationBell implements PageReads.LayoutRead, ConsoleLayout.Bell {

  private static final String READ = NotificationBell.class.getName() + ".unread";

  private final TeamInbox inbox;

  NotificationBell(TeamInbox inbox) {
    this.inbox = inbox;
  }

  /** The signed-in user's unread notifications; 0 for anyone else. */
  @Override
  public long unread() {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null && request.getAttribute(READ, RequestAttributes.SCOPE_REQUEST) instanceof Long read) {
      return read;
    }
    return count();
  }

  @Override
  public void readForThisRequest() {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.setAttribute(READ, count(), RequestAttributes.SCOPE_REQUEST);
    }
  }

  /** The count sent with the page's other reads: nothing to read for anyone without an inbox (0). */
  @Override
  public Runnable readWith(SqlReads.Batch batch) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    Optional<SqlReads.Read<Long>> read = Callers.current().flatMap(inbox::unread);
    if (request == null || read.isEmpty()) {
      return this::readForThisRequest;
    }
    Supplier<Long> count = batch.add(read.get());
    return () -> request.setAttribute(READ, count.get(), RequestAttributes.SCOPE_REQUEST);
  }

  private long count() {
    return Callers.current().map(inbox::unreadCount).orElse(0L);
  }
}
