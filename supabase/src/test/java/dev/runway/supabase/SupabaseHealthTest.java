package dev.runway.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.health.Group;
import dev.runway.health.Health;
import dev.runway.health.HealthRegistry;
import dev.runway.health.HealthReport;
import dev.runway.health.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Supabase probes registered in core's health registry like every other probe. */
class SupabaseHealthTest {
  static final String REF = "abcdefghijklmnopqrst";

  @Test
  void projectAndApiProbesReportThroughTheRegistry() {
    try (SupabaseSandbox sandbox = SupabaseSandbox.start()) {
      SupabaseSandbox.Project project = sandbox.createProject(REF);
      HealthRegistry.Builder builder = Health.registry().defaultCacheTtl(Duration.ZERO);
      Supabase.project(project.url(), project.anonKey()).build().probes("supabase").forEach(builder::deep);
      ManagementClient api = sandbox.client();
      builder.deep("supabase.project", api.statusProbe(REF).cacheFor(Duration.ZERO));
      builder.deep("supabase.services", api.healthProbe(REF).cacheFor(Duration.ZERO));
      builder.deep("supabase.backups", api.backupProbe(REF, Duration.ofHours(26), PlanLimits.FREE).cacheFor(Duration.ZERO));
      try (HealthRegistry health = builder.build()) {
        HealthReport ok = health.check(Group.DEEP);
        assertThat(ok.entries()).hasSize(7);
        // the free plan's missing backups warn (non-critical); everything else passes
        assertThat(ok.status()).isEqualTo(Status.WARN);
        assertThat(ok.entry("supabase.backups").orElseThrow().status()).isEqualTo(Status.WARN);
        assertThat(ok.entry("supabase.rest").orElseThrow().status()).isEqualTo(Status.PASS);

        project.pause();
        HealthReport paused = health.check(Group.DEEP);
        assertThat(paused.status()).isEqualTo(Status.FAIL);
        assertThat(paused.entry("supabase.auth").orElseThrow().message()).contains("project is paused (540)");
        assertThat(paused.entry("supabase.project").orElseThrow().message()).contains("is paused (INACTIVE)");
        assertThat(paused.toJson(HealthReport.Format.IETF, true)).doesNotContain(project.anonKey());
      }
    }
  }

  @Test
  void postgresProbesReportUsageAsObservedPercentages() throws Exception {
    try (TestPostgres pg = TestPostgres.create(10)) {
      HealthRegistry.Builder builder = Health.registry().defaultCacheTtl(Duration.ZERO);
      Supabase.postgres(pg.roleUrl()).role(pg.role).build().probes("db").forEach(builder::deep);
      try (HealthRegistry health = builder.build()) {
        HealthReport report = health.check(Group.DEEP);
        assertThat(report.entries()).extracting(HealthReport.Entry::name)
            .containsExactly("db", "db.connections", "db.size", "db.read-only");
        assertThat(report.status()).isEqualTo(Status.PASS);
        HealthReport.Entry connections = report.entry("db.connections").orElseThrow();
        assertThat(connections.observedUnit()).isEqualTo("%");
        // the probes run in parallel, each on its own connection: 1 to 4 of the role's 10
        assertThat(connections.observedValue()).isBetween(10.0, 40.0);
        assertThat(report.toJson(HealthReport.Format.IETF, true)).doesNotContain(pg.password);
      }
    }
  }
}
