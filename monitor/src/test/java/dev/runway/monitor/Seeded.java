package dev.runway.monitor;

import dev.runway.health.HttpProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** 90 days of history for two endpoints: a mostly healthy API with one outage, and a slower web app. */
final class Seeded {
  static final Instant NOW = Instant.parse("2026-03-31T12:00:00Z");

  final History history = History.inMemory(200_000);
  final List<Endpoint> endpoints = List.of(
      Endpoint.builder("api", HttpProbe.get("https://acme-api.onrender.com/api/health").build()).service("acme-api").build(),
      Endpoint.builder("web", HttpProbe.get("https://acme.vercel.app/").build()).service("acme-web").build());

  Seeded() {
    List<Observation> batch = new ArrayList<>();
    Instant start = NOW.minus(Duration.ofDays(90));
    int i = 0;
    for (Instant t = start; t.isBefore(NOW); t = t.plus(Duration.ofMinutes(20)), i++) {
      boolean outage = t.isAfter(NOW.minus(Duration.ofDays(10))) && t.isBefore(NOW.minus(Duration.ofDays(10)).plus(Duration.ofHours(3)));
      batch.add(new Observation("api", t, outage ? State.DOWN : State.UP, outage ? Double.NaN : 80 + 40 * Math.sin(i / 5.0),
          outage ? "status 503 (expected 200)" : "", false));
      boolean slow = i % 37 == 0;
      batch.add(new Observation("web", t, slow ? State.DEGRADED : State.UP, slow ? 1500 : 200 + (i % 11) * 10,
          slow ? "answered in 1500 ms (degraded above 800 ms)" : "", i % 97 == 0));
    }
    history.record(batch);
    history.save(new Incident(history.nextIncidentId(), "api", State.DOWN, NOW.minus(Duration.ofDays(10)),
        NOW.minus(Duration.ofDays(10)).plus(Duration.ofHours(3)), "status 503 (expected 200)"));
    history.save(new Incident(history.nextIncidentId(), "web", State.DEGRADED, NOW.minus(Duration.ofMinutes(30)), null,
        "answered in 1500 ms (degraded above 800 ms) <script>alert(1)</script>"));
  }

  StatusReport report() {
    return StatusPage.report("Acme status", endpoints, history, NOW, null);
  }
}
