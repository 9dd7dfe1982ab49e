package org.offerdesk.app.notifications.internal;

/** Where a user is told: in the console (the bell and the notifications page) or by email. */
enum Channel {
  CONSOLE,
  EMAIL
}
