package org.offerdesk.app.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link OfferDeskTest} sending email to a real SMTP server, {@link TestSmtp}, with an https public URL for the
 * links in it. Every class annotated exactly {@code @MailTest} shares this one context (a context start costs
 * seconds): start the server with {@link TestSmtp#up()} before use, leave it running when done, and send only to
 * addresses of your own. On a context of its own apart from the shared one, so that email elsewhere stays in the
 * outbox, as without an SMTP server: it runs in the {@link OwnContextLane}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@OfferDeskTest
@OwnContext
// Replaces @OfferDeskTest's initializers: the database's again, and the SMTP server's.
@ContextConfiguration(initializers = {TestDatabase.class, TestSmtp.class})
@TestPropertySource(properties = "offerdesk.public-url=https://offerdesk.example.com/")
public @interface MailTest {}
