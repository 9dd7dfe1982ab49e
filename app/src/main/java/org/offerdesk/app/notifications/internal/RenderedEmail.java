package org.offerdesk.app.notifications.internal;

/** What a mail template produced for one model: exactly what is stored and sent. */
record RenderedEmail(String subject, String html, String text) {}
