/**
 * The few ways a business request can fail, as exceptions every capability may throw: {@link
 * org.offerdesk.app.errors.NotFound}, {@link org.offerdesk.app.errors.Conflict}, {@link
 * org.offerdesk.app.errors.InvalidInput} (with {@link org.offerdesk.app.errors.FieldError}s) and {@link
 * org.offerdesk.app.errors.MarketplaceRefused}.
 *
 * <p>Why a module of its own and not part of {@code web}: services are called from API controllers, console
 * pages, jobs and event listeners alike, and must not know which of them asked. So the errors carry no HTTP
 * status, URI or page text; only the web layer ({@code web.ProblemHandling}, {@code web.PageErrors}) turns them
 * into RFC 9457 problem+json or a page, and {@code HttpAtTheEdgeTest} keeps services off the web layer's
 * {@code ApiProblem}/{@code ProblemType}. It depends on nothing, so every module may use it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Business errors", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.offerdesk.app.errors;
