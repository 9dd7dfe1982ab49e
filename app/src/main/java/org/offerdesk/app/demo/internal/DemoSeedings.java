package org.offerdesk.app.demo.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.DemoDataSeeded;
import org.offerdesk.app.identity.WorkTokens;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.runtime.RunMode;
import org.offerdesk.app.runtime.SecurityClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Seeds the demo seller's history: once, in the background after the first start in demo mode (unless
 * {@code OFFERDESK_DEMO_DATA=none}), and again when an admin asks ({@link #reset}). A seeding runs on one
 * thread of its own, through the public API with a short-lived token of each demo organization, and records
 * its progress in {@code demo_seeding}. Production never seeds.
 */
@Service
class DemoSeedings {

  private static final Logger log = LoggerFactory.getLogger("OfferDesk");

  private final RunMode mode;
  private final DemoSeedingStore store;
  private final WorkTokens tokens;
  private final ObjectProvider<EmbeddedSandboxEndpoint> sandbox;
  private final ObjectMapper json;
  private final SecurityClock clock;
  private final ApplicationContext context;
  private final boolean seedAtStart;
  private final DemoStory.Size size;
  private final String sandboxToken;
  private final String address;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "demo-seeding");
    t.setDaemon(true);
    return t;
  });
  private volatile int port;
  private volatile DemoDataSeeded demo;
  /**
   * Seedings this process claimed and has not finished: only this process runs its seedings (a seeding left
   * running by a stop is abandoned at start), so while none is, the dashboard's banner needs no query (it
   * was a statement and a pool checkout on every dashboard request, API included).
   */
  private final AtomicInteger inFlight = new AtomicInteger();

  DemoSeedings(RunMode mode, DemoSeedingStore store, WorkTokens tokens, ObjectProvider<EmbeddedSandboxEndpoint> sandbox,
      ObjectMapper json, SecurityClock clock, ApplicationContext context,
      @Value("${offerdesk.demo.data:year}") String data, @Value("${offerdesk.demo.deals:45}") int deals,
      @Value("${offerdesk.demo.days:365}") int days, @Value("${offerdesk.sandbox.admin-token:}") String sandboxToken,
      @Value("${server.address:}") String address) {
    this.mode = mode;
    this.store = store;
    this.tokens = tokens;
    this.sandbox = sandbox;
    this.json = json;
    this.clock = clock;
    this.context = context;
    this.seedAtStart = !"none".equalsIgnoreCase(data.strip());
    this.size = new DemoStory.Size(deals, days);
    this.sandboxToken = sandboxToken.strip();
    this.address = address.strip();
  }

  @EventListener
  void serverStarted(WebServerInitializedEvent event) {
    if (event.getApplicationContext() == context) {
      port = event.getWebServer().getPort();
    }
  }

  @EventListener
  void demoOrganizations(DemoDataSeeded seeded) {
    demo = seeded;
  }

  /** After start, the first seeding of the demo seller, in the background; a restart never seeds again. */
  @EventListener
  void ready(ApplicationReadyEvent event) {
    DemoDataSeeded organizations = demo;
    if (event.getApplicationContext() != context || !mode.isDemo() || organizations == null
        || sandbox.getIfAvailable() == null) {
      return;
    }
    if (store.abandon(organizations.demoSellerId(), clock.now()) > 0) {
      log.warn("The demo history's seeding was interrupted by a stop; POST /api/v1/demo/reset seeds it again");
    }
    if (!seedAtStart) {
      return;
    }
    inFlight.incrementAndGet();
    store.startFirst(organizations.demoSellerId(), clock.now()).ifPresentOrElse(seeding -> {
      log.info("Seeding the demo's year of business in the background (OFFERDESK_DEMO_DATA=none to skip it)");
      worker.submit(() -> run(organizations, seeding));
    }, inFlight::decrementAndGet);
  }

  @EventListener
  void stopping(ContextClosedEvent event) {
    if (event.getApplicationContext() == context) {
      worker.shutdownNow();
    }
  }

  /**
   * Seeds the demo seller's history again, in the background; while one runs, answers that one. Only in demo
   * mode, only for the demo seller (elsewhere there is no such thing: 404).
   */
  DemoSeeding reset(Caller caller) {
    DemoDataSeeded organizations = demoOf(caller);
    if (sandbox.getIfAvailable() == null) {
      throw new Conflict("The demo history is made in the embedded marketplace sandbox, which is not running");
    }
    Optional<DemoSeeding> running = store.running(caller.organizationId());
    if (running.isPresent()) {
      return running.get();
    }
    inFlight.incrementAndGet();
    return store.start(caller.organizationId(), "RESET", clock.now())
        .map(seeding -> {
          log.info("Seeding the demo's history again, as {} asked", caller.describe());
          worker.submit(() -> run(organizations, seeding));
          return seeding;
        })
        .orElseGet(() -> {
          inFlight.decrementAndGet();
          return store.running(caller.organizationId()).orElseThrow();
        });
  }

  DemoSeeding status(Caller caller, UUID id) {
    demoOf(caller);
    return store.find(caller.organizationId(), id).orElseThrow(() -> new NotFound("Demo seeding " + id));
  }

  /** The seeding of the organization running now, if any (for the dashboard's banner). */
  Optional<DemoSeeding> running(UUID organizationId) {
    return mode.isDemo() && inFlight.get() > 0 ? store.running(organizationId) : Optional.empty();
  }

  private DemoDataSeeded demoOf(Caller caller) {
    DemoDataSeeded organizations = demo;
    if (!mode.isDemo() || organizations == null || !organizations.demoSellerId().equals(caller.organizationId())) {
      throw new NotFound("The demo history exists only for the demo seller in demo mode");
    }
    return organizations;
  }

  private void run(DemoDataSeeded organizations, DemoSeeding seeding) {
    UUID org = organizations.demoSellerId();
    long started = System.nanoTime();
    try {
      DemoStory.Summary summary = tell(org, organizations.demoResellerId(), size, (done, total, step) -> {
        store.progress(org, seeding.id(), done, total, step);
        log.info("Demo history: {} ({} of {} steps)", step, done + 1, total);
      });
      store.finish(org, seeding.id(), "DONE", json.writeValueAsString(summary), null, clock.now());
      log.info("Demo history seeded in {} s: {} orders, offers by stage {}",
          Duration.ofNanos(System.nanoTime() - started).toSeconds(), summary.orderIds().size(), summary.offerStages());
    } catch (RuntimeException | JsonProcessingException e) {
      log.warn("Seeding the demo history failed (POST /api/v1/demo/reset tries again): {}", e.getMessage());
      store.finish(org, seeding.id(), "FAILED", null, String.valueOf(e.getMessage()), clock.now());
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** Tells the story of a seller and a reseller organization, each through an API token issued for it. */
  DemoStory.Summary tell(UUID seller, UUID reseller, DemoStory.Size storySize, DemoStory.Progress progress) {
    Duration lifetime = Duration.ofHours(2);
    WorkTokens.WorkToken sellerToken = tokens.issue(seller, "Demo story", lifetime);
    WorkTokens.WorkToken resellerToken = tokens.issue(reseller, "Demo story", lifetime);
    try {
      String base = "http://" + host() + ":" + port;
      StoryMoves moves = new StoryMoves(new DemoClient(json, base, sellerToken.secret()),
          new DemoClient(json, base, resellerToken.secret()),
          new DemoClient(json, sandbox.getObject().endpoint().toString(), sandboxToken.isEmpty() ? null : sandboxToken));
      return new DemoStory(moves, storySize, progress).tell();
    } finally {
      tokens.revoke(seller, sellerToken.id());
      tokens.revoke(reseller, resellerToken.id());
    }
  }

  private String host() {
    if (address.isEmpty() || address.equals("0.0.0.0") || address.equals("::")) {
      return "127.0.0.1";
    }
    return address.contains(":") ? "[" + address + "]" : address;
  }
}
